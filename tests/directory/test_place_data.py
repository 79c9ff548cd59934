"""The place names TERYT does not hold: the derived short forms and surroundings are up to date
with the gazetteer, and every colloquial name in the hand-kept table has a source and a town."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from types import ModuleType

from directory.gazetteer import load_gazetteer
from directory.places import PLACE_EXTRAS_PATH, PLACE_NAMES_PATH

BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_place_extras.py"


def build_script() -> ModuleType:
    """The derivation script as a module (it reads only the project's gazetteer)."""
    spec = importlib.util.spec_from_file_location("build_place_extras", BUILD_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_place_extras_are_up_to_date_with_the_gazetteer() -> None:
    """Rebuild with scripts/build_place_extras.py after the gazetteer changes."""
    committed = json.loads(PLACE_EXTRAS_PATH.read_text(encoding="utf-8"))
    assert build_script().build(load_gazetteer()) == committed


def test_every_colloquial_name_cites_a_source_and_names_real_towns() -> None:
    towns = {town.name for town in load_gazetteer().towns}
    with PLACE_NAMES_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        # A page served only over plain HTTP is cited as it is (Kozi Gród).
        assert row["source"].startswith(("https://", "http://")), row
        assert set(row["places"].split("|")) <= towns, row
        assert all(form.strip() for form in row["forms"].split("|")), row


def test_the_land_powiat_seated_in_a_city_is_around_it_and_warsaw_has_its_neighbours() -> None:
    extras = json.loads(PLACE_EXTRAS_PATH.read_text(encoding="utf-8"))
    assert extras["around_city"]["1261"] == ["1206"]  # krakowski around Kraków
    assert extras["around_city"]["1465"] == ["1408", "1412", "1417", "1418", "1421", "1432", "1434"]
    assert extras["around_city"]["2463"] == []  # Chorzów: only cities around it
