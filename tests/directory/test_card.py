"""The printable powiat card: one A4 page whose text, read back from the PDF, holds the right
numbers for a city with a 24/7 centre, a land powiat with one, and a powiat without one."""

from __future__ import annotations

import io
import re
import struct
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from directory import cli
from directory.card import PNG_DPI, build_card, card_text, render_card
from directory.emergency import emergency_options
from directory.hours import WARSAW
from directory.referral import ServiceRecord
from directory.seed import seed_entries
from directory.store import DirectoryStore

MADE_AT = datetime(2026, 12, 4, 10, 0, tzinfo=WARSAW)
KRAKOW = "1261"  # a city with powiat rights, its OIK (B01) open 24/7
GORLICE = "1205"  # a land powiat whose OIK (B05) is open 24/7
MIECHOW = "1208"  # no centre of its own: Kraków's is the nearest 24/7 beyond it
WROCLAW = "0264"


def displays(service_id: str) -> list[str]:
    """The dialable numbers of a bundled entry, as people write them."""
    entry = next(e for e in seed_entries() if e["id"] == service_id)
    return [phone["display"] for phone in entry["phones"] if phone["dial"]]


def pdf_text(content: bytes) -> tuple[int, str]:
    """(pages, the text of the whole document with whitespace runs made single spaces)."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


@pytest.fixture
def services(engine: Engine) -> list[ServiceRecord]:
    """What residents may see, from a freshly seeded database."""
    return DirectoryStore(engine).active_services()


@pytest.mark.parametrize(
    ("powiat", "local_24_7", "beyond"),
    [
        pytest.param(KRAKOW, "B01", None, id="city with a 24/7 centre"),
        pytest.param(GORLICE, "B05", "B01", id="land powiat with a 24/7 centre"),
        pytest.param(MIECHOW, None, "B01", id="powiat without a centre"),
    ],
)
def test_the_pdf_card_holds_the_powiats_24_7_numbers_and_the_national_lines(
    services: list[ServiceRecord], powiat: str, local_24_7: str | None, beyond: str | None
) -> None:
    card = build_card(services, powiat, MADE_AT, "pl")
    pages, text = pdf_text(render_card(card, "pdf"))
    assert pages == 1
    assert "Gdzie przekazać osobę w kryzysie" in text
    assert "Stan na 4 grudnia 2026" in text
    for option in emergency_options("pl"):
        for phone in option.phones:
            assert phone.display in text
    section_24_7, _, rest = text.partition("Najbliższe czynne całą dobę poza powiatem")
    if local_24_7 is None:
        assert "nie ma w tym powiecie miejsca czynnego całą dobę" in section_24_7
        assert card.always_open == ()
    else:
        assert [o.service_id for o in card.always_open] == [local_24_7]
        for number in displays(local_24_7):
            assert number in section_24_7
    if beyond is not None:
        assert card.nearest_beyond[0].service_id == beyond
        for number in displays(beyond):
            assert number in rest
        assert f"{round(card.nearest_beyond[0].distance_km or 0)} km" in rest
    # Every local and nearby point says how fresh it is.
    points = len(card.always_open) + len(card.nearest_beyond) + len(card.office_hours)
    listed = text.partition("Linie ogólnopolskie")[0]
    assert listed.count("ze strony publicznej") + listed.count("sprawdzono ") == points


def test_the_nearest_beyond_are_open_24_7_and_ordered_by_distance(
    services: list[ServiceRecord],
) -> None:
    card = build_card(services, MIECHOW, MADE_AT, "en")
    assert card.nearest_beyond
    assert all(option.always_open for option in card.nearest_beyond)
    distances = [option.distance_km or 0.0 for option in card.nearest_beyond]
    assert distances == sorted(distances)
    assert all(MIECHOW not in option.area_powiats for option in card.nearest_beyond)


def test_office_hours_points_of_the_powiat_are_listed_with_their_week(
    services: list[ServiceRecord],
) -> None:
    # Legnica's OIK (B27) works Mo-Fr 08:00-15:00.
    card = build_card(services, "0209", MADE_AT, "en")
    assert [o.service_id for o in card.office_hours] == ["B27"]
    text = card_text(card)
    assert "IN THIS POWIAT, WITH OPENING HOURS" in text
    assert "Mon–Fri 08:00–15:00" in text
    assert displays("B27")[0] in text


def test_the_english_card_is_in_english(services: list[ServiceRecord]) -> None:
    _, text = pdf_text(render_card(build_card(services, WROCLAW, MADE_AT, "en"), "pdf"))
    assert "Where to hand over a person in crisis" in text
    assert "Made on December 4, 2026" in text
    assert "This powiat has no point open 24/7 in the directory" in text
    assert "National lines, free, 24/7" in text


def test_the_png_card_is_one_a4_page(services: list[ServiceRecord]) -> None:
    content = render_card(build_card(services, KRAKOW, MADE_AT, "pl"), "png")
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", content[16:24])
    assert (width, height) == (int(8.27 * PNG_DPI), int(11.69 * PNG_DPI))


def test_the_cli_writes_the_card_and_refuses_an_unknown_powiat(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded_sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", ("directory.cli.card",))
    target = tmp_path / "card.pdf"
    args = ["card", "--powiat", KRAKOW, "--format", "pdf", "--lang", "en", "--out", str(target)]
    assert cli.main([*args, "--at", "2026-12-04T10:00"]) == 0
    _, text = pdf_text(target.read_bytes())
    assert displays("B01")[0] in text
    assert cli.main(["card", "--powiat", KRAKOW, "--lang", "en", "--at", "2026-12-04T10:00"]) == 0
    assert "OPEN 24/7 IN THIS POWIAT" in capsys.readouterr().out
    assert cli.main(["card", "--powiat", "9999"]) == 2
    assert "unknown powiat" in capsys.readouterr().err
