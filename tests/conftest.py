import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "000_1ffe506d08a5c17c.txt"


@pytest.fixture(scope="session")
def gazetteer():
    from geo.gazetteer import Gazetteer
    return Gazetteer.load()


@pytest.fixture(scope="session")
def extractor(gazetteer):
    from geo.extract import Extractor
    return Extractor(gazetteer)


@pytest.fixture(scope="session")
def seed_events(extractor):
    from geo.articles import read_file
    articles, _ = read_file(SEED)
    return [e.row() for a in articles for e in extractor.extract(a)]
