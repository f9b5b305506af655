import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "000_1ffe506d08a5c17c.txt"


@pytest.fixture(scope="session", autouse=True)
def private_store(tmp_path_factory):
    """Tests never touch data/events.db: the default store is a file of their own."""
    import os
    os.environ["GEO_DB"] = str(tmp_path_factory.mktemp("store") / "events.db")
    yield


@pytest.fixture(scope="session")
def gazetteer():
    from geo.gazetteer import Gazetteer
    return Gazetteer.load()


@pytest.fixture(scope="session")
def extractor(gazetteer):
    from geo.extraction import Extractor
    return Extractor(gazetteer)


@pytest.fixture(scope="session")
def seed_events(extractor):
    from geo.articles import read_file
    articles, _ = read_file(SEED)
    return [e.row() for a in articles for e in extractor.extract(a)]


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """A PostgreSQL server of the tests' own on 127.0.0.1 (started and stopped here), or
    GEO_TEST_PG_URL. Under CI a missing server fails; elsewhere the tests skip."""
    import glob
    import os
    import shutil
    import socket
    import subprocess
    import tempfile
    url = os.environ.get("GEO_TEST_PG_URL")
    if url:
        yield url
        return
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = shutil.which("initdb") or (bins[-1] if bins else None)
    if not initdb:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: .ci/run must install it")
        pytest.skip("PostgreSQL server binaries not installed")
    pg_ctl = os.path.join(os.path.dirname(os.path.realpath(initdb)), "pg_ctl")
    root = tempfile.mkdtemp(prefix="geo-pg-")
    os.chmod(root, 0o777)
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    data = os.path.join(root, "data")
    subprocess.run(as_user + [initdb, "-D", data, "-U", "geo", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(as_user + [pg_ctl, "-D", data, "-l", os.path.join(root, "log"), "-w", "-o",
                              f"-h 127.0.0.1 -p {port} -k {root}", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://geo@127.0.0.1:{port}"
    finally:
        subprocess.run(as_user + [pg_ctl, "-D", data, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty store on each back end."""
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    import uuid
    import psycopg
    server = request.getfixturevalue("pg_server")
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"
