"""The opt-in online back end against a local stand-in for Nominatim (the network edge)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from geo.geocoding import OfflineGeocoder, OnlineFallbackWarning, online_geocoder


class _Nominatim(BaseHTTPRequestHandler):
    calls = 0

    def do_GET(self):
        type(self).calls += 1
        body = json.dumps([{"lat": "51.68", "lon": "33.92", "display_name": "Hlukhiv, Sumy Oblast, Ukraine",
                            "place_id": 1}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_nominatim():
    server = HTTPServer(("127.0.0.1", 0), _Nominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Nominatim.calls = 0
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_answers_are_cached_on_disk(tmp_path, local_nominatim, gazetteer):
    g = online_geocoder(tmp_path / "c.sqlite", domain=local_nominatim, scheme="http",
                             min_delay_seconds=0, offline=OfflineGeocoder(gazetteer))
    first = g.geocode("Glukhiv")
    assert (round(first.latitude, 2), round(first.longitude, 2)) == (51.68, 33.92)
    again = online_geocoder(tmp_path / "c.sqlite", domain=local_nominatim, scheme="http",
                                 min_delay_seconds=0, offline=OfflineGeocoder(gazetteer)).geocode("Glukhiv")
    assert again.address == first.address
    assert _Nominatim.calls == 1  # the second answer came from the cache


def test_unreachable_service_falls_back_offline_with_a_warning(tmp_path, gazetteer):
    import socket
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    g = online_geocoder(tmp_path / "c.sqlite", domain=f"127.0.0.1:{port}", scheme="http",
                             min_delay_seconds=0, timeout=2, offline=OfflineGeocoder(gazetteer))
    with pytest.warns(OnlineFallbackWarning, match="offline answer used"):
        loc = g.geocode("Odesa")
    assert loc.raw["admin1"] == "Odesa Oblast"
