"""Build directory/data/seed_directory.json from the researched reference CSVs.

Reads ../shared/data/reference/{helplines,oik,oik_updates,oik_round3,czp_psych}.csv and
../shared/data/teryt/ (only this script does; the project reads the committed JSON). Every
number, address and hour comes from those files; sources, dates, confidence and caveats
travel with each entry.

Decisions (see the reference NOTES.md):
- `oik_updates.csv` rows replace the `oik.csv` row with the same id; source URLs and dates of
  both rows are kept (the update keeps the old values unless its source changes them).
- status `active` only for confidence high/medium (not "medium-low"/"low-medium"), with at least
  one dialable phone, and not flagged STALE / NOT OPERATIONAL / NOT VERIFIED AS OPERATING, and not
  800 70 2222 (no source after January 2021 says it works). Everything else is `unverified`.
- hours: "24/7" where the source says round the clock for the line (not only a residential
  shelter); an opening_hours expression only where the text states days and hours plainly
  (OSM_HOURS below, reviewed by hand); NULL otherwise, with the text kept as published.
- crisis types (conservative): see HELPLINE_CRISES and crises_for_centre().
- service areas: `service_area` text (land powiats by adjective + voivodeship, cities "m. X",
  "woj. X", nationwide); when it names none, the powiat where the centre is.
- a shelter (SOW, hostel) whose service area says "nationwide" is a residential place that
  admits people from all over Poland, not a helpline (B68, SOW Zduny: 15 beds, stays of up to
  3 months, admission on application or referral). Stored as `local` to the powiat it stands in,
  with the nationwide admission kept in its caveats: as `national` it was listed as a
  "nationwide line" in every powiat's violence list, with hours unknown. Residents elsewhere
  still see it as a nearby centre where it is the closest one, and every OIK, the police and
  Niebieska Linia can refer to it. See NATIONWIDE_SHELTER_NOTE.
- fax numbers: a number the source gives as a fax ("fax (42) 640 65 91", "faks: …") is not a
  phone for a person in crisis, even when the phones column repeats it (B94, SOW Łódź, whose
  only phone is its fax): it is dropped from the phones and named in the caveats, and an
  entry left without a phone is `unverified` until someone confirms a voice number (see
  fax_numbers()). A number published as "tel./fax" or "tel/fax" is declared a telephone as
  well, so it stays (B17 Białystok, B72 Dębica, B108 Lębork), after any phone-only numbers.
  B99's fax (33) 802 00 68 is a different number from its phone, which stays.
- points: the town's point (miasta.csv) inside the location powiat, else the powiat centroid.
- provenance flags (directory.visibility decides from them what residents see): `source_stale`
  where the confidence says STALE; `possibly_closed` where it says NOT OPERATIONAL / NOT VERIFIED
  AS OPERATING, and for the rows in POSSIBLY_CLOSED (reviewed by hand: planned or announced
  centres, project-funded ones that may have ended, temporary numbers).
- `oik_round3.csv` (C001-C017) and `czp_psych.csv` (P001-P056): kinds from the facility type
  (PCPR/MOPR offices, crisis centres and shelters; CZP intake points, psychiatric admission
  rooms, children's and youth centres, a hospital's information number); crisis types and
  audience from the kind (directory.kinds); service areas from the TERYT codes the researcher
  wrote into the notes ("teryt=2407 (area also teryt=2409 …)"), location from the location
  column. All of them are `unverified`, whatever their confidence: the round-3 notes say none of
  those phones is a crisis line, and the CZP notes ask for every number to be checked before it
  is shown (HELD_FOR_VERIFICATION_NOTE). Admission rooms are 24/7 only where the source says so.

Run: .venv/bin/python scripts/build_seed.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory.crisis import CrisisType  # noqa: E402
from directory.hours import parse as parse_hours  # noqa: E402
from directory.kinds import kind_profile  # noqa: E402
from directory.models import ServiceKind  # noqa: E402
from directory.phones import normalise_phone, split_phones  # noqa: E402

# ../shared next to the repository; a worktree one level deeper (/work/wt/<branch>) finds it
# two levels up.
SHARED = next(
    (base / "shared" / "data" for base in ROOT.parents if (base / "shared" / "data").is_dir()),
    ROOT.parent / "shared" / "data",
)
REFERENCE = SHARED / "reference"
TERYT = SHARED / "teryt"
OUTPUT = ROOT / "directory" / "data" / "seed_directory.json"
ATTRIBUTION = (
    "Help directory researched from public pages (see source_urls of each entry); "
    "places: GUS TERYT (TERC 2024-01-01, SIMC 2023-01-01); boundaries: PRG, GUGiK"
)

C = CrisisType
ALL_CRISES = [c.value for c in CrisisType]
# Crisis centres (OIK, CIK, PIK, RCK) do crisis intervention for any crisis of an adult;
# child-specific help and addiction treatment are not claimed for them.
CENTRE_CRISES = [C.SUICIDAL, C.VIOLENCE, C.MENTAL, C.BEREAVEMENT, C.DISASTER, C.OTHER]
# Helplines: only what their published topics say.
HELPLINE_CRISES: dict[str, list[CrisisType]] = {
    "H01": list(CrisisType),
    "H02": [C.SUICIDAL, C.MENTAL, C.OTHER],  # emotional crisis, depression, suicidal thoughts
    "H03": [C.CHILD, C.SUICIDAL, C.VIOLENCE, C.MENTAL],
    "H04": [C.CHILD, C.SUICIDAL, C.VIOLENCE, C.MENTAL],
    "H05": [C.CHILD],  # missing children
    "H06": [C.SUICIDAL, C.MENTAL],
    "H07": [C.VIOLENCE],
    "H08": [C.VIOLENCE],
    "H09": [C.VIOLENCE],
    "H10": [C.VIOLENCE],  # crime victims incl. domestic violence
    "H11": [C.ADDICTION],
    "H12": [C.ADDICTION],
    "H13": [C.ADDICTION],
    "H14": [C.BEREAVEMENT],
    "H15": [C.BEREAVEMENT, C.CHILD],
    "H16": [C.CHILD],
    "H17": [C.MENTAL],
    "H18": [C.MENTAL, C.CHILD],
    "H19": [C.CHILD, C.MENTAL],
    "H20": [C.CHILD],
    "H21": [C.VIOLENCE],
    "H22": [C.MENTAL],
    "H23": [C.VIOLENCE],
    "H24": [C.SUICIDAL, C.MENTAL, C.OTHER],
    "H25": [C.VIOLENCE],
}
HELPLINE_AUDIENCE: dict[str, list[str]] = {
    "H01": ["everyone"],
    "H02": ["adults"],
    "H03": ["children_youth"],
    "H04": ["children_youth", "parents"],
    "H05": ["parents", "children_youth"],
    "H06": ["adults"],
    "H15": ["children_youth"],
    "H16": ["children_youth", "parents"],
    "H18": ["children_youth"],
    "H19": ["children_youth", "parents"],
    "H20": ["children_youth"],
    "H24": ["adults"],
}
# The situations a line is only or mainly for (directory.crisis.Need values, crisis types), from
# its published topics (reference `crisis_topics`, `audience`); directory.referral decides from
# them whether a line fits what the resident said. Lines not here: any situation of their crises.
HELPLINE_TOPICS: dict[str, list[str]] = {
    "H05": ["missing"],  # "missing/runaway child, parental abduction"
    "H11": ["alcohol", "drugs"],  # "substance addiction (alcohol, drugs, medicines)"
    "H12": ["gambling"],  # "behavioural addictions (gambling, internet, shopping, sex, work)"
    "H13": ["drugs"],  # "anyone concerned about 'dopalacze'/drugs"
    "H15": ["bereavement"],  # "children and teenagers grieving the death of someone close"
}
# Opening hours translated by hand, only where the published text states days and hours plainly.
# Weekday-only schedules get "PH off": saying "closed" on a holiday is the safe error.
OSM_HOURS: dict[str, str] = {
    "H09": "Mo-Fr 09:30-15:30; PH off",  # "dni robocze 09:30-15:30" (working days)
    "H11": "Mo-Su 16:00-21:00",  # "codziennie w godz. 16.00-21.00"
    "H12": "Mo-Su 17:00-22:00",  # "codziennie, także w weekendy, w godzinach 17-22"
    "H17": "Mo-Fr 15:00-20:00; PH off",  # "od poniedziałku do piątku od 15:00 do 20:00"
    "H22": "Tu,We 08:00-11:00; PH off",  # "wtorki i środy 8:00-11:00"
    "H23": "Th 10:00-16:00; PH off",  # "w każdy czwartek 10.00-16.00"
    "H25": "Mo-Su 17:00-21:00",  # "codziennie, także w dni wolne od pracy, od 17 do 21"
    "B06": "Mo-Fr 07:00-22:00; PH off",  # "od poniedziałku do piątku w godz. 7.00-22.00"
    "B07": "Mo-Fr 07:00-15:00; PH off",  # "poniedziałek-piątek 7-15"
    "B12": "Mo-Fr 07:30-15:30; PH off",  # "poniedziałek-piątek 7:30-15:30"
    "B27": "Mo-Fr 08:00-15:00; PH off",  # "poniedziałek-piątek 8.00-15.00"
    "B33": "Mo-Fr 08:00-20:00; PH off",  # phone "od poniedziałku do piątku w godz. 8.00-20.00"
    "B39": "Mo-We 16:00-18:00; PH off",  # "od poniedziałku do środy (z wyjątkiem świąt) 16-18"
    "B42": "Mo-Fr 08:00-20:00; PH off",  # "telefonicznie od poniedziałku do piątku 8:00-20:00"
    "B46": "Mo-Fr 08:00-18:00; PH off",  # "poniedziałek-piątek 8-18"
    "B56": "Mo-Fr 08:00-16:00; PH off",  # "PCPR pn-pt 8:00-16:00 (2020)"
    "B67": "Mo-Fr 08:00-20:00; PH off",  # "PN-PT 8.00-20.00"
    "B72": "Mo-Fr 07:00-19:00; PH off",  # "pn-pt: 7.00-19.00"
    "B75": "Mo-Fr 07:00-19:00; PH off",  # "Biuro ... od poniedziałku do piątku 7:00-19:00"
    "B98": "Mo-Fr 07:30-20:00; PH off",  # "od poniedziałku do piątku 7.30-20.00"
    "P001": "Mo-Fr 08:00-18:00; PH off",  # "w dni robocze od godz. 8.00 do godz. 18.00"
    "P002": "Mo-Fr 08:00-18:00; PH off",  # "w dni robocze od godz. 8.00 do godz. 18.00"
    "P003": "Mo-Fr 08:00-18:00; PH off",  # "w dni robocze w godzinach 8.00-18.00"
    "P004": "Mo-Fr 09:00-19:00; PH off",  # "od poniedziałku do piątku w godz. 9.00 – 19.00"
    "P005": "Mo-Fr 08:00-18:00; PH off",  # "(pn-pt: 08:00-18:00)"
    "P006": "Mo-Fr 08:00-18:00; PH off",  # "(pn-pt: 08:00-18:00)"
    "P007": "Mo-Fr 08:00-18:00; PH off",  # "poniedziałek – piątek (z wyjątkiem dni ustawowo
    "P008": "Mo-Fr 08:00-18:00; PH off",  #   wolnych od pracy) 8.00 – 18.00"
    "P009": "Mo-Fr 08:00-18:00; PH off",  # "Od poniedziałku do piątku, w godzinach od 8 do 18"
    "P010": "Mo-Fr 08:00-18:00; PH off",  # "od poniedziałku do piątku, 8:00-18:00"
    "P011": "Mo-Fr 08:00-18:00; PH off",  # "od poniedziałku do piątku, w godzinach 8:00-18:00"
    "P012": "Mo-Fr 08:00-18:00; PH off",  # "od poniedziałku do piątku 8:00-18:00"
    "P015": "Mo-Fr 08:00-18:00; PH off",  # "w każdy dzień powszedni w godz. 8-18"
    "P028": "Mo-Fr 08:00-18:00; PH off",  # "od poniedziałku do piątku od godz. 8 do 18"
    # "W poniedziałki i środy w godz. 7.30-20 oraz we wtorki, czwartki i piątku w godz. 7.30-15"
    "P050": "Mo,We 07:30-20:00; Tu,Th,Fr 07:30-15:00; PH off",
    "P051": "Mo-Fr 08:00-20:00; PH off",  # "od poniedziałku do piątku, w godzinach 8:00 – 20:00"
    "P052": "Mo-Fr 08:00-18:00; PH off",  # "od poniedziałku do piątku od 8.00 do 18.00"
    "C009": "Tu,We,Fr 14:00-18:00; PH off",  # "Dyżur psychologa - interwencje kryzysowe: Wtorek
    #   14.00-18.00, Środa 14.00-18.00, Piątek 14.00-18.00"
}
# Centres whose published text says the centre or its line answers round the clock. Not here:
# residential-only 24h (B18, B47, B66, B68, B94, shelters reached via police) and B46, whose 24h
# lines are short local numbers not verified as reachable from outside Kielce.
CENTRES_24_7 = {
    "B01", "B05", "B11", "B13", "B14", "B15", "B17", "B19", "B22", "B24", "B34", "B49",
    "B52", "B57", "B61", "B86", "B88", "B105", "B107", "B109", "B111", "B16", "B26", "B38",
    "B63", "B81",
}  # fmt: skip
FLAGS = ("STALE", "NOT OPERATIONAL", "NOT VERIFIED")
NOT_SHOWN_IDS = {"H06": "800 70 2222: no source after January 2021 says the line works again"}
STALE_FLAGS = ("STALE",)
CLOSED_FLAGS = ("NOT OPERATIONAL", "NOT VERIFIED")
# Rows whose notes say the centre may not (or not yet) run, reviewed by hand.
POSSIBLY_CLOSED: dict[str, str] = {
    "P014": "announced in the future tense ('rozpocznie działalność'); opening not confirmed",
    "P048": "announced before opening (November 2023); opening not confirmed",
    "P051": "EU-project funded; may no longer run",
    "P052": "EU-project funded (WRPO 2014-2020); may have ended with the project",
    "C002": "a COVID-19 notice of April 2020; the number may have been temporary",
    "C015": "still operating after 2017 not verified",
}
HELD_FOR_VERIFICATION_NOTE = (
    "Held for verification: residents see it once an administrator or the centre has checked "
    "the number (research notes: {why})."
)
HELD_WHY = {
    "C": "none of the round-3 phones is a crisis line",
    "P": "every CZP, admission-room and youth-centre number must be checked before it is shown",
}
TERYT_NOTE = re.compile(r"teryt=(\d{4})")
AREA_ALSO = re.compile(r"area also ([^)]*)\)")
TWENTY_FOUR_SEVEN = re.compile(r"całodob|całą dobę|przez całą dobę|24h|24/7", re.IGNORECASE)
# "tel./fax", "tel/fax", "tel.-fax": one line declared both a telephone and a fax.
TEL_AND_FAX = re.compile(r"\btel\.?\s*[/\-]\s*fa(?:x|ks)\b", re.IGNORECASE)
# A number labelled as a fax alone ("fax (42) 640 65 91", "faks: 22 123 45 67").
FAX_NUMBER = re.compile(r"\bfa(?:x|ks)\b\.?:?\s*((?:\+48)?[\s\d()\-]{7,}\d)", re.IGNORECASE)
NATIONWIDE_SHELTER_NOTE = (
    "Service area as published: {published}. A residential shelter that admits people from all "
    "over Poland, not a helpline: stored as local to the powiat it stands in, so that it is not "
    "listed as a nationwide line everywhere."
)
FAX_NOTE = (
    "Not listed as a phone: {number} is also given as the fax number in the source, and a fax "
    "line must not be offered to a person in crisis."
)
NO_VOICE_PHONE_NOTE = (
    "No phone left once fax numbers are set aside: unverified until a voice number is confirmed."
)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file as dictionaries."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Teryt:
    """What the build needs from TERYT: powiat codes by name, voivodeships, points."""

    def __init__(self) -> None:
        self.powiats = read_csv(TERYT / "powiaty.csv")
        self.voivodeships = {r["name"]: r["teryt"] for r in read_csv(TERYT / "wojewodztwa.csv")}
        self.centroids = {
            r["teryt"]: (float(r["lat"]), float(r["lon"]))
            for r in read_csv(TERYT / "coords_powiaty_centroids.csv")
        }
        self.towns = read_csv(TERYT / "miasta.csv")

    def powiat(self, name: str, voivodeship: str | None) -> str | None:
        """The code of a land powiat (adjective) or a city with powiat rights (its name)."""
        candidates = [p for p in self.powiats if p["name"].lower() == name.strip().lower()]
        if voivodeship:
            in_voivodeship = [p for p in candidates if p["voivodeship"] == voivodeship]
            if in_voivodeship:
                candidates = in_voivodeship
        if len(candidates) == 1:
            return candidates[0]["teryt"]
        return None

    def location_powiat(self, text: str, voivodeship: str) -> str | None:
        """Parse `powiat_teryt_location`: "m. Kraków", "m.st. Warszawa", "gorlicki (inferred)"."""
        cleaned = re.sub(r"\(.*?\)", "", text).strip()
        if not cleaned or cleaned == "not stated":
            return None
        cleaned = re.sub(r"^m\.(st\.)?\s*", "", cleaned)
        return self.powiat(cleaned, voivodeship)

    def town_point(self, town: str, powiat: str | None) -> tuple[float, float, str] | None:
        """The town's point inside the powiat (or a city with powiat rights)."""
        name = re.sub(r"\(.*?\)", "", town).strip()
        for row in self.towns:
            if row["name"] == name and powiat and row["powiat_teryt"] == powiat:
                source = f"town point: TERYT miasta.csv ({row['coord_source']})"
                return float(row["lat"]), float(row["lon"]), source
        return None


def service_areas(text: str, voivodeship: str, location: str | None, teryt: Teryt) -> list[Any]:
    """Service areas named in the published `service_area` text, else the location powiat."""
    areas: list[dict[str, str]] = []

    def add(kind: str, code: str | None) -> None:
        if code and {"kind": kind, "code": code} not in areas:
            areas.append({"kind": kind, "code": code})

    for match in re.finditer(r"m\.(?:st\.)?\s*([A-ZŁŚŻŹĆ][\w\-]+(?: [A-ZŁŚŻŹĆ][\w\-]+)?)", text):
        add("powiat", teryt.powiat(match.group(1), voivodeship))
    for match in re.finditer(r"powiat(?:u)? ([a-ząćęłńóśźż\-]+(?: wschodni| zachodni)?)", text):
        add("powiat", teryt.powiat(match.group(1), voivodeship))
    for match in re.finditer(r"woj\. ([a-ząćęłńóśźż\-]+)", text):
        add("voivodeship", teryt.voivodeships.get(match.group(1)))
    if not areas and re.search(r"all residents of the region", text):
        add("voivodeship", teryt.voivodeships.get(voivodeship))
    if not areas and re.search(r"nationwide|ogólnopolsk", text):
        add("country", "PL")
    if not areas:
        add("powiat", location)
    return areas


def confidence_level(text: str) -> str:
    """high / medium / low from the free-text confidence (the first word decides)."""
    lowered = text.strip().lower()
    if lowered.startswith("high"):
        return "high"
    if lowered.startswith("medium") and not lowered.startswith("medium-low"):
        return "medium"
    return "low"


def status_for(entry_id: str, confidence_text: str, phones: list[dict[str, Any]]) -> str:
    """`active` for high/medium, phoned, unflagged entries; `unverified` otherwise."""
    if entry_id in NOT_SHOWN_IDS or entry_id[:1] in HELD_WHY:
        return "unverified"
    if any(flag in confidence_text.upper() for flag in FLAGS):
        return "unverified"
    if confidence_level(confidence_text) not in {"high", "medium"}:
        return "unverified"
    if not any(p["dial"] for p in phones):
        return "unverified"
    return "active"


def provenance_flags(entry_id: str, confidence_text: str) -> dict[str, Any]:
    """The researcher's flags of a row: a stale source, a centre that may have closed."""
    upper = confidence_text.upper()
    return {
        "source_stale": any(flag in upper for flag in STALE_FLAGS),
        "possibly_closed": entry_id in POSSIBLY_CLOSED
        or any(flag in upper for flag in CLOSED_FLAGS),
        "hidden_reason": None,
    }


def noted_powiats(notes: str) -> list[str]:
    """The powiat codes a research note names: "teryt=2407 (area also teryt=2409, 2406)"."""
    codes = TERYT_NOTE.findall(notes)
    for also in AREA_ALSO.findall(notes):
        codes += re.findall(r"(?<!\d)(\d{4})(?!\d)", also)
    return list(dict.fromkeys(codes))


def new_kind(facility_type: str) -> ServiceKind:
    """The kind of a round-3 or CZP row from its facility type."""
    lowered = facility_type.lower()
    if lowered.startswith("izba przyjęć"):
        return ServiceKind.PSYCHIATRIC_ADMISSION
    if lowered.startswith("szpital psychiatryczny"):
        return ServiceKind.HOSPITAL_INFORMATION
    if "dzieci i młodzież" in lowered:
        return ServiceKind.YOUTH_CENTRE
    if lowered.startswith("czp"):
        return ServiceKind.CZP_INTAKE
    if lowered.startswith(("pcpr", "mopr")):
        return ServiceKind.FAMILY_SUPPORT_OFFICE
    if lowered.startswith("crisis shelter"):
        return ServiceKind.SHELTER
    return ServiceKind.CRISIS_CENTRE


def phone_rows(field: str, twenty_four_text: str, service_24_7: bool) -> list[dict[str, Any]]:
    """Phones of a published field, each marked 24/7 when the 24h column or the service says so."""
    rows: list[dict[str, Any]] = []
    segments = [s for s in re.split(r";", twenty_four_text) if s.strip()]
    for part in split_phones(field):
        phone = normalise_phone(part)
        digits = re.sub(r"\D", "", re.sub(r"\(.*?\)", "", part))
        in_24h = any(
            digits and digits in re.sub(r"\D", "", seg) and TWENTY_FOUR_SEVEN.search(seg)
            for seg in segments
        )
        rows.append(
            {
                "number_as_published": part,
                "e164": phone.e164,
                "dial": phone.dial,
                "extension": phone.extension,
                "display": phone.display,
                "description": phone.comment,
                "is_24_7": True if in_24h or (service_24_7 and len(segments) == 0) else None,
                "note": phone.note,
            }
        )
    return rows


def fax_numbers(*texts: str) -> set[str]:
    """E.164 forms of the numbers a source labels as a fax alone (not "tel./fax")."""
    found: set[str] = set()
    for text in texts:
        for match in FAX_NUMBER.finditer(TEL_AND_FAX.sub("tel", text)):
            e164 = normalise_phone(match.group(1).strip()).e164
            if e164:
                found.add(e164)
    return found


def without_fax_numbers(
    phones: list[dict[str, Any]], faxes: set[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Phones that are not fax numbers (tel./fax lines last), and a caveat per fax set aside."""
    kept = [p for p in phones if not (p["e164"] and p["e164"] in faxes)]
    notes = [FAX_NOTE.format(number=p["number_as_published"]) for p in phones if p not in kept]
    if notes and not kept:
        notes.append(NO_VOICE_PHONE_NOTE)
    kept.sort(key=lambda p: bool(TEL_AND_FAX.search(p["number_as_published"])))
    return kept, notes


def extra_24h_phones(twenty_four_text: str, known: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Numbers only in the 24h column (e.g. Kielce's short lines 195 13 / 195 25)."""
    known_digits = {re.sub(r"\D", "", p["number_as_published"]) for p in known}
    extra: list[dict[str, Any]] = []
    for segment in twenty_four_text.split(";"):
        number_text = re.sub(r"\(.*?\)", "", segment).strip()
        if not number_text or "/" in number_text or " and " in number_text:
            continue
        digits = re.sub(r"\D", "", number_text)
        if not digits or any(digits in k or k in digits for k in known_digits if k):
            continue
        phone = normalise_phone(number_text)
        comment = re.search(r"\((.*)\)", segment)
        extra.append(
            {
                "number_as_published": segment.strip(),
                "e164": phone.e164,
                "dial": phone.dial,
                "extension": phone.extension,
                "display": phone.display,
                "description": comment.group(1) if comment else None,
                "is_24_7": bool(TWENTY_FOUR_SEVEN.search(segment)),
                "note": phone.note,
            }
        )
    return extra


def with_own_hours(phones: list[dict[str, Any]], service_24_7: bool) -> list[dict[str, Any]]:
    """Each number's own hours (HSDS: a schedule per phone) where a 24/7 entry lists its
    24-hour lines beside other numbers: "24/7" for the lines its sources call 24-hour,
    "unknown" (an opening_hours expression) for the others, whose hours the sources do not
    give (B34, B49, B86, B105: office and switchboard numbers). Otherwise none: every number
    keeps the entry's hours. B46 stays as it is: its entry is not claimed 24/7 (see
    CENTRES_24_7), so its short 24-hour lines are not either."""
    lines = [phone for phone in phones if phone["is_24_7"] is True]
    mixed = service_24_7 and 0 < len(lines) < len(phones)
    for phone in phones:
        phone["hours"] = ("24/7" if phone["is_24_7"] is True else "unknown") if mixed else None
    return phones


def split_sources(text: str) -> list[str]:
    """Source URLs separated by " ; "."""
    return [u.strip() for u in text.split(" ; ") if u.strip()]


def languages_of(text: str) -> list[str]:
    """ISO codes of the languages a line answers in, as its published languages field states.

    Only a current statement counts: "not stated (UA web form exists …)" names Ukrainian but
    says nothing of the line (H05), and "Historical (2016): … current language offer not
    verified" is not a statement about today (H07). Residents who speak Ukrainian see the lines
    that answer in it first (directory.referral), so a wrong flag would mislead them.
    """
    lowered = text.lower()
    if lowered.startswith(("not stated", "historical")):
        return []
    found = []
    for word, code in (("polish", "pl"), ("english", "en"), ("ukrainian", "uk"), ("russian", "ru")):
        if word in lowered:
            found.append(code)
    return found


def contact_modes_of(text: str) -> list[str]:
    """phone / chat / email / web from a published contact-modes field."""
    lowered = text.lower()
    modes = []
    for word, mode in (("phone", "phone"), ("chat", "chat"), ("mail", "email"), ("form", "web")):
        if word in lowered and mode not in modes:
            modes.append(mode)
    return modes


def url_of(text: str) -> str | None:
    """The first web address named in a field (scheme added when missing)."""
    match = re.search(r"(https?://)?((?:[a-z0-9\-]+\.)+(?:pl|info|org|eu|com))(/[^\s;,)]*)?", text)
    if not match or "@" in text[max(0, match.start() - 1) : match.start()]:
        return None
    return (match.group(1) or "https://") + match.group(2) + (match.group(3) or "")


def email_of(text: str) -> str | None:
    """The first e-mail address in a field."""
    match = re.search(r"[\w.\-]+@[\w.\-]+\.[a-z]{2,}", text)
    return match.group(0) if match else None


def free_of_charge(text: str) -> bool | None:
    """True/False when the field says so plainly, else None."""
    lowered = text.strip().lower()
    if lowered.startswith("yes"):
        return True
    if lowered.startswith("no"):
        return False
    return None


def helpline_entry(row: dict[str, str]) -> dict[str, Any]:
    """A service entry from a helplines.csv row."""
    entry_id = row["id"]
    is_24_7 = row["is_24_7"].strip().lower().startswith("yes")
    hours = "24/7" if is_24_7 else OSM_HOURS.get(entry_id)
    phones = phone_rows(row["phone_as_published"], "", is_24_7)
    for phone in phones:
        phone["is_24_7"] = True if is_24_7 else None
        phone["hours"] = None  # a helpline number keeps the line's hours
    scope_text = row["scope"]
    if entry_id == "H01":
        scope, areas = "emergency", [{"kind": "country", "code": "PL"}]
    elif scope_text.startswith("LOCAL"):
        scope, areas = "local", [{"kind": "powiat", "code": "1465"}]  # Warsaw residents
    elif scope_text.startswith("REGIONAL"):
        scope, areas = "regional", [{"kind": "voivodeship", "code": "04"}]  # kujawsko-pomorskie
    else:
        scope, areas = "national", [{"kind": "country", "code": "PL"}]
    caveats = [row["conflicts_or_caveats"].strip()]
    if row["other_numbers"].strip():
        caveats.append(f"Other numbers (not listed): {row['other_numbers'].strip()}")
    if entry_id in NOT_SHOWN_IDS:
        caveats.append(NOT_SHOWN_IDS[entry_id])
    return {
        "id": entry_id,
        "organization_id": entry_id,
        "name_pl": row["name_pl"].strip(),
        "name_en": row["name_en"].strip() or None,
        "description": row["crisis_topics"].strip() or None,
        "kind": "emergency" if entry_id == "H01" else "helpline",
        "scope": scope,
        "status": status_for(entry_id, row["confidence"], phones),
        "hours": hours,
        "hours_as_published": row["availability_as_published"].strip() or None,
        "crisis_types": [c.value for c in HELPLINE_CRISES[entry_id]],
        "audience": HELPLINE_AUDIENCE.get(entry_id, ["adults"]),
        "topics": HELPLINE_TOPICS.get(entry_id, []),
        "languages": languages_of(row["languages"]),
        "contact_modes": contact_modes_of(row["contact_modes"]),
        "url": url_of(row["chat_email_web"]),
        "email": email_of(row["chat_email_web"]),
        "notice": None,
        "free_of_charge": free_of_charge(row["free_of_charge"]),
        **provenance_flags(entry_id, row["confidence"]),
        "confidence": confidence_level(row["confidence"]),
        "confidence_as_recorded": row["confidence"].strip(),
        "source_urls": split_sources(row["source_urls"]),
        "source_date": row["source_dates"].strip() or None,
        "caveats": " ".join(c for c in caveats if c) or None,
        "phones": phones,
        "locations": [],
        "areas": areas,
        "organization": {
            "id": entry_id,
            "name": row["operator"].strip() or row["name_pl"].strip(),
            "alternate_name": None,
            "description": None,
            "url": None,
            "email": None,
        },
    }


def crises_for_centre(facility_type: str, name: str, entry_id: str) -> list[str]:
    """Conservative crisis types of a local centre from its facility type."""
    kind = facility_type.lower()
    if entry_id == "B47":  # crisis point for homeless people
        return [C.OTHER.value]
    if entry_id == "B55":  # youth crisis centre (11-25)
        return [C.CHILD.value, C.SUICIDAL.value, C.MENTAL.value]
    if entry_id == "B107":  # social-work intervention line, not a counselling line
        return [C.OTHER.value]
    if kind.startswith("sow") or "dom dla matek" in kind or "hostel" in kind:
        return [C.VIOLENCE.value]
    if "oik" in kind or "interwencji" in name.lower() or "kryzys" in kind or "crisis" in kind:
        return [c.value for c in CENTRE_CRISES]
    return [C.OTHER.value]


def crises_for(kind: str, row: dict[str, str], entry_id: str) -> list[str]:
    """Crisis types: from the facility type for the first two rounds' centres and for crisis
    centres, else from the kind."""
    if entry_id[:1] not in HELD_WHY or kind == ServiceKind.CRISIS_CENTRE:
        return crises_for_centre(row["facility_type"], row["name"], entry_id)
    return [c.value for c in kind_profile(kind).crisis_types]


def centre_kind(facility_type: str) -> str:
    """crisis_centre or shelter."""
    lowered = facility_type.lower()
    if lowered.startswith("sow") or "hostel" in lowered or "dom dla matek" in lowered:
        return "shelter"
    return "crisis_centre"


def centre_areas(
    row: dict[str, str], location: str | None, noted: list[str], teryt: Teryt
) -> list[dict[str, str]]:
    """A centre's service areas: the powiats its notes name, else its published area."""
    if noted:
        return [{"kind": "powiat", "code": code} for code in noted]
    return service_areas(row["service_area"], row["voivodeship"].strip(), location, teryt)


def scope_of(areas: list[dict[str, str]]) -> str:
    """national, regional or local, by the widest area served."""
    if any(a["kind"] == "country" for a in areas):
        return "national"
    if any(a["kind"] == "voivodeship" for a in areas):
        return "regional"
    return "local"


def centre_is_24_7(entry_id: str, kind: str, row: dict[str, str]) -> bool:
    """Whether a centre answers around the clock (an izba przyjęć only where its source says so:
    NOTES: "24/7 where stated")."""
    if kind == ServiceKind.PSYCHIATRIC_ADMISSION:
        stated = row["hours_as_published"] + " " + row["phone_24h"]
        return bool(TWENTY_FOUR_SEVEN.search(stated) or "24 godziny na dobę" in stated)
    return entry_id in CENTRES_24_7


def centre_phones(row: dict[str, str], is_24_7: bool) -> tuple[list[dict[str, Any]], list[str]]:
    """A centre's phones, 24-hour ones first, without its fax numbers (and notes on those)."""
    phones = phone_rows(row["phones"], row["phone_24h"], is_24_7)
    phones += extra_24h_phones(row["phone_24h"], phones)
    faxes = fax_numbers(row["phones"], row["other_contacts"], row["notes_caveats"])
    phones, fax_notes = without_fax_numbers(phones, faxes)
    phones.sort(key=lambda p: p["is_24_7"] is not True)
    return with_own_hours(phones, is_24_7), fax_notes


def centre_locations(
    row: dict[str, str], location: str | None, areas: list[dict[str, str]], teryt: Teryt
) -> list[dict[str, Any]]:
    """A centre's address and map point (a powiat centroid, marked approximate, when the town
    cannot be placed)."""
    point_powiat = location or next((a["code"] for a in areas if a["kind"] == "powiat"), None)
    point = teryt.town_point(row["town"], location) if location else None
    if point is None and point_powiat:
        lat, lon = teryt.centroids[point_powiat]
        label = "location" if location else "served powiat (location not stated)"
        point = (lat, lon, f"centroid of the {label}: TERYT/PRG powiat centroid, approximate")
    address = row["street_address"].strip() or None
    if not (point or address):
        return []
    return [
        {
            "address": address,
            "postal_code": row["postal_code"].strip() or None,
            "town": re.sub(r"\(.*?\)", "", row["town"]).strip() or None,
            "powiat": location,
            "latitude": point[0] if point else None,
            "longitude": point[1] if point else None,
            "point_source": point[2] if point else None,
        }
    ]


def centre_provenance(
    row: dict[str, str], original: dict[str, str] | None
) -> tuple[list[str], list[str], list[str]]:
    """A centre's sources, source dates and caveats (with those of the row an update replaced)."""
    entry_id = row["id"]
    sources = split_sources(row["source_urls"])
    dates = [row["source_dates"].strip()]
    caveats = [row["notes_caveats"].strip()]
    if entry_id[:1] in HELD_WHY:
        caveats.append(HELD_FOR_VERIFICATION_NOTE.format(why=HELD_WHY[entry_id[:1]]))
    if entry_id in POSSIBLY_CLOSED:
        caveats.append(f"Possibly closed: {POSSIBLY_CLOSED[entry_id]}.")
    if original is not None:
        sources += [u for u in split_sources(original["source_urls"]) if u not in sources]
        if original["source_dates"].strip() not in dates:
            dates.append(f"before update: {original['source_dates'].strip()}")
        if original["notes_caveats"].strip():
            caveats.append(f"Before update: {original['notes_caveats'].strip()}")
    if row["other_contacts"].strip():
        caveats.append(f"Other contacts (not listed as phones): {row['other_contacts'].strip()}")
    return sources, dates, caveats


def centre_entry(
    row: dict[str, str], original: dict[str, str] | None, teryt: Teryt
) -> dict[str, Any]:
    """A service entry from an oik.csv row (already replaced by its update row, if any)."""
    entry_id = row["id"]
    voivodeship = row["voivodeship"].strip()
    location = teryt.location_powiat(row["powiat_teryt_location"], voivodeship)
    researched = entry_id[:1] in HELD_WHY  # a round-3 or CZP row
    noted = noted_powiats(row["notes_caveats"]) if researched else []
    location = location or (noted[0] if noted else None)
    areas = centre_areas(row, location, noted, teryt)
    scope_notes: list[str] = []
    kind = new_kind(row["facility_type"]).value if researched else centre_kind(row["facility_type"])
    if kind == "shelter" and location and any(a["kind"] == "country" for a in areas):
        areas = [{"kind": "powiat", "code": location}]
        scope_notes.append(NATIONWIDE_SHELTER_NOTE.format(published=row["service_area"].strip()))
    scope = scope_of(areas)
    is_24_7 = centre_is_24_7(entry_id, kind, row)
    phones, fax_notes = centre_phones(row, is_24_7)
    hours = "24/7" if is_24_7 else OSM_HOURS.get(entry_id)
    locations = centre_locations(row, location, areas, teryt)
    sources, dates, caveats = centre_provenance(row, original)
    caveats += scope_notes + fax_notes
    return {
        "id": entry_id,
        "organization_id": entry_id,
        "name_pl": row["name"].strip(),
        "name_en": None,
        "description": row["facility_type"].strip() or None,
        "kind": kind,
        "scope": scope,
        "status": status_for(entry_id, row["confidence"], phones),
        "hours": hours,
        # Where only the 24h column states hours (B49), that text is what was published.
        "hours_as_published": row["hours_as_published"].strip() or row["phone_24h"].strip() or None,
        "crisis_types": crises_for(kind, row, entry_id),
        "audience": list(kind_profile(kind).audience),
        "topics": [],
        "languages": [],
        "contact_modes": ["phone", "in_person"] if phones else ["in_person"],
        "url": url_of(row["other_contacts"]),
        "email": email_of(row["email"]),
        "notice": None,
        "free_of_charge": None,
        **provenance_flags(entry_id, row["confidence"]),
        "confidence": confidence_level(row["confidence"]),
        "confidence_as_recorded": row["confidence"].strip(),
        "source_urls": sources,
        "source_date": "; ".join(d for d in dates if d) or None,
        "caveats": " ".join(c for c in caveats if c) or None,
        "phones": phones,
        "locations": locations,
        "areas": areas,
        "organization": {
            "id": entry_id,
            "name": row["name"].strip(),
            "alternate_name": None,
            "description": row["facility_type"].strip() or None,
            "url": None,
            "email": email_of(row["email"]),
        },
    }


def build() -> dict[str, Any]:
    """The whole seed document."""
    teryt = Teryt()
    services = [helpline_entry(r) for r in read_csv(REFERENCE / "helplines.csv")]
    centres = {r["id"]: r for r in read_csv(REFERENCE / "oik.csv")}
    updates = {r["id"]: r for r in read_csv(REFERENCE / "oik_updates.csv")}
    for entry_id, row in centres.items():
        services.append(
            centre_entry(
                updates.get(entry_id, row),
                centres[entry_id] if entry_id in updates else None,
                teryt,
            )
        )
    for name in ("oik_round3.csv", "czp_psych.csv"):
        services += [centre_entry(row, None, teryt) for row in read_csv(REFERENCE / name)]
    for service in services:
        if service["hours"] is not None:
            parse_hours(service["hours"])  # every stored expression must parse
        for area in service["areas"]:
            if area["kind"] == "powiat":
                assert area["code"] in teryt.centroids, (service["id"], area)
    organizations = [s.pop("organization") for s in services]
    return {
        "attribution": ATTRIBUTION,
        "derived_from": [
            "shared/data/reference/helplines.csv",
            "shared/data/reference/oik.csv",
            "shared/data/reference/oik_updates.csv",
            "shared/data/reference/oik_round3.csv",
            "shared/data/reference/czp_psych.csv",
            "shared/data/teryt/powiaty.csv, miasta.csv, coords_powiaty_centroids.csv",
        ],
        "organizations": organizations,
        "services": services,
    }


def main() -> None:
    """Write the seed JSON and print counts."""
    document = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    services = document["services"]
    active = sum(1 for s in services if s["status"] == "active")
    print(f"{len(services)} services: {active} active, {len(services) - active} unverified")


if __name__ == "__main__":
    main()
