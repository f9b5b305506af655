"""A minimal OpenID Connect identity provider on 127.0.0.1 for the sign-in tests: discovery,
an authorisation endpoint that signs in one fixed user at once, a token endpoint issuing an
RS256 id_token (with the nonce it was asked for), the key set and userinfo. The network
edge, stood in for; Streamlit's st.login and Authlib do the real client side."""
from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from joserfc import jwt
from joserfc.jwk import RSAKey


class IdentityProvider:
    def __init__(self, email: str, client_id: str = "geo-events", client_secret: str = "test-secret"):
        self.email, self.client_id, self.client_secret = email, client_id, client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
        self.codes: dict[str, str] = {}  # code -> nonce
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict:
        return {"issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
                "userinfo_endpoint": f"{self.url}/userinfo", "response_types_supported": ["code"],
                "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {"iss": self.url, "sub": "user-1", "aud": self.client_id, "iat": now, "exp": now + 600,
                  "nonce": nonce, "email": self.email, "email_verified": True, "name": "Test User"}
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)

    def _handler(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path == "/.well-known/openid-configuration":
                    self._json(idp.discovery())
                elif url.path == "/jwks":
                    self._json({"keys": [idp.key.as_dict(private=False) | {"use": "sig", "alg": "RS256"}]})
                elif url.path == "/userinfo":
                    self._json({"sub": "user-1", "email": idp.email, "email_verified": True})
                elif url.path == "/authorize":  # the user agrees at once
                    code = f"code-{len(idp.codes)}"
                    idp.codes[code] = query.get("nonce", "")
                    target = query["redirect_uri"] + "?" + urllib.parse.urlencode(
                        {"code": code, "state": query.get("state", "")})
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                else:
                    self.send_error(404)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                form = dict(urllib.parse.parse_qsl(body))
                if self.path != "/token" or form.get("code") not in idp.codes:
                    self.send_error(400)
                    return
                self._json({"access_token": "access-1", "token_type": "Bearer", "expires_in": 600,
                            "id_token": idp.id_token(idp.codes.pop(form["code"]))})
        return Handler
