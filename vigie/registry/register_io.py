"""Read and check a register file (CSV or XLSX) as a whole (no Django import).

The file a city already keeps becomes registrations only if it *is* a register: it must
have the columns of article R121-4 that no other list has (the quality justifying the
registration, the request date, the requester); a column the register may not hold (an
e-mail address, a diagnosis...) refuses the file too. Every line is checked, every problem
listed with its line and column; with any error nothing is returned (``RegisterRefused``).

Columns (header names in English or French, any order, case and accents ignored; see
docs/registry.md): last_name/nom, first_names/prenoms, birth_date/date_de_naissance,
eligibility/qualite, address/adresse, postcode/code_postal, commune (name or INSEE code),
phone/telephone, home_care_service/service_aide_domicile, emergency_name/personne_a_prevenir,
emergency_phone/telephone_personne_a_prevenir, request_date/date_de_la_demande,
requester/demandeur, requester_name/nom_du_demandeur, requester_quality/qualite_du_demandeur,
written_request/demande_ecrite.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from vigie.core.crypto import normalize_name
from vigie.territory.issues import ImportRefused, Issue

from .phones import clean_phone
from .table_io import TableRefused, header_key, read_table

MAX_BYTES = 5 * 1024 * 1024  # a register of 20,000 people is about 3 MB
MAX_LINES = 20_000
MAX_LISTED = 200
REGISTER_SINCE = dt.date(2004, 1, 1)  # the register was created in 2004 (law of 30 June 2004)
OLDEST_BIRTH = dt.date(1900, 1, 1)

ALIASES: dict[str, tuple[str, ...]] = {
    "last_name": ("nom", "nom_de_famille", "surname"),
    "first_names": ("prenom", "prenoms", "first_name"),
    "birth_date": ("date_de_naissance", "date_naissance", "naissance", "ne_le"),
    "eligibility": ("qualite", "motif", "motif_d_inscription", "categorie"),
    "address": ("adresse",),
    "postcode": ("code_postal", "cp"),
    "commune": ("ville", "city", "code_insee", "commune_code"),
    "phone": ("telephone", "tel"),
    "home_care_service": ("service_aide_domicile", "service_d_aide_a_domicile", "aide_a_domicile"),
    "emergency_name": ("personne_a_prevenir", "contact_urgence", "contact_urgence_nom"),
    "emergency_phone": (
        "telephone_personne_a_prevenir",
        "tel_personne_a_prevenir",
        "contact_urgence_telephone",
    ),
    "request_date": ("date_de_la_demande", "date_demande", "date_d_inscription"),
    "requester": ("demandeur", "requester_kind"),
    "requester_name": ("nom_du_demandeur", "demandeur_nom"),
    "requester_quality": ("qualite_du_demandeur", "demandeur_qualite"),
    "written_request": ("demande_ecrite", "reference_demande_ecrite"),
}
REQUIRED = ("last_name", "first_names", "birth_date", "address", "commune")
REGISTER_ONLY = ("eligibility", "request_date", "requester")  # what no other list has
LENGTHS = {
    "last_name": 100,
    "first_names": 150,
    "address": 300,
    "home_care_service": 200,
    "emergency_name": 150,
    "requester_name": 200,
    "requester_quality": 100,
    "written_request": 200,
}
MIN_AGE = {"aged_65": 65, "aged_60_unfit": 60, "disabled_adult": 18}


class RegisterRefused(ImportRefused):
    """The whole file is refused; ``issues`` lists every problem (line, column, reason)."""


@dataclass(frozen=True)
class Commune:
    area_id: int
    code: str
    name: str


@dataclass
class Row:
    """One checked line, ready to become a registration (values cleaned)."""

    line: int
    last_name: str
    first_names: str
    birth_date: dt.date
    eligibility: str
    address: str
    postcode: str
    area_id: int
    commune: str
    phone: str
    home_care_service: str
    emergency_name: str
    emergency_phone: str
    request_date: dt.date
    requester: str
    requester_name: str
    requester_quality: str
    written_request: str

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["birth_date"] = self.birth_date.isoformat()
        data["request_date"] = self.request_date.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> Row:
        values = dict(data)
        values["birth_date"] = dt.date.fromisoformat(values["birth_date"])
        values["request_date"] = dt.date.fromisoformat(values["request_date"])
        return cls(**values)


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


COLUMN_OF = {header_key(name): canonical for canonical in ALIASES for name in (canonical,)}
COLUMN_OF.update({alias: canonical for canonical, names in ALIASES.items() for alias in names})


def show(value: str) -> str:
    return repr(value[:40] + ("…" if len(value) > 40 else ""))


# --- checking ---------------------------------------------------------------------------


def parse_register(
    data: bytes,
    name: str,
    *,
    communes: Callable[[str], Commune | None],
    today: dt.date,
    registered: Callable[[Row], bool] = lambda row: False,
) -> Parsed:
    """Every line checked; ``communes(text)`` finds a commune by INSEE code or name,
    ``registered(row)`` says whether the person is already on the register."""
    try:
        header, body, note = read_table(data, name, max_bytes=MAX_BYTES)
    except TableRefused as error:
        raise RegisterRefused(name, [error.issue]) from None
    columns = _columns(header, name)
    parsed = Parsed(notes=[note] if note else [])
    issues: list[Issue] = []
    for number, cells in body:
        if not any(str(cell).strip() for cell in cells):
            continue
        if len(parsed.rows) + len(issues) > MAX_LINES:
            issues.append(Issue(f"line {number}", "file", f"more than {MAX_LINES} lines"))
            break
        values = {
            column: str(cells[index]).strip() if index < len(cells) else ""
            for column, index in columns.items()
        }
        row = _check_line(number, values, communes, today, issues)
        if row is not None and registered(row):
            reason = "already registered (same name and date of birth)"
            issues.append(Issue(f"line {number}", "last_name", reason))
        elif row is not None:
            parsed.rows.append(row)
    if not parsed.rows and not issues:
        issues.append(Issue("file", "content", "no line to import below the header"))
    issues += _repeated_lines(parsed.rows)
    if issues:
        raise RegisterRefused(name, issues)
    return parsed


def _columns(header: list[str], name: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    issues = []
    for index, title in enumerate(header):
        key = header_key(title)
        if not key:
            continue
        canonical = COLUMN_OF.get(key)
        if canonical is None:
            reason = (
                f"column {show(str(title))} is not a field of the register (CASF R121-4): "
                "remove it before importing"
            )
            issues.append(Issue("line 1", str(title)[:40], reason))
        elif canonical in columns:
            issues.append(Issue("line 1", canonical, "this column appears twice"))
        else:
            columns[canonical] = index
    missing_register = [column for column in REGISTER_ONLY if column not in columns]
    if missing_register:
        reason = (
            f"this file is not a register of vulnerable people: it has no "
            f"{', '.join(missing_register)} column. A list of beneficiaries, a mailing list "
            "or any other file cannot become registrations (CASF R121-2; CNIL)"
        )
        issues.append(Issue("line 1", "header", reason))
    for column in REQUIRED:
        if column not in columns:
            issues.append(Issue("line 1", column, "required column missing"))
    if issues:
        raise RegisterRefused(name, issues)
    return columns


def parse_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a plain date
        except ValueError:
            continue
    raise ValueError("not a date (expected DD/MM/YYYY or YYYY-MM-DD)")


def parse_eligibility(text: str) -> str:
    key = header_key(text)
    if key in MIN_AGE:
        return key
    if "handicap" in key or "disab" in key or key in {"aah", "pch", "rqth", "cmi"}:
        return "disabled_adult"
    if "inapte" in key or "unfit" in key or key.startswith("60"):
        return "aged_60_unfit"
    if "65" in key:
        return "aged_65"
    raise ValueError(
        "unknown quality (expected 65+, 60+ unfit for work, or disabled adult: "
        "aged_65, aged_60_unfit, disabled_adult)"
    )


def parse_requester(text: str) -> str:
    key = header_key(text)
    if key in {"self", "la_personne", "personne", "elle_meme", "lui_meme", "soi_meme", "interesse"}:
        return "self"
    if "represent" in key or "tuteur" in key or "curateur" in key or key == "legal_representative":
        return "legal_representative"
    if "tiers" in key or "third" in key:
        return "third_party"
    raise ValueError("unknown requester (expected self, legal_representative or third_party)")


def _check_line(number, values, communes, today, issues) -> Row | None:
    where = f"line {number}"
    found: list[Issue] = []

    def fail(column: str, reason: str) -> None:
        found.append(Issue(where, column, reason))

    for column in REQUIRED + REGISTER_ONLY:
        if not values.get(column):
            fail(column, "missing (required)")
    for column, limit in LENGTHS.items():
        if len(values.get(column, "")) > limit:
            fail(column, f"longer than {limit} characters")
    birth = _date_field(values, "birth_date", fail)
    request = _date_field(values, "request_date", fail)
    if birth and birth > today:
        fail("birth_date", f"{birth:%d/%m/%Y} is in the future")
    elif birth and birth < OLDEST_BIRTH:
        fail("birth_date", f"{birth:%d/%m/%Y} is before 1900")
    if request and request > today:
        fail("request_date", f"{request:%d/%m/%Y} is in the future")
    elif request and request < REGISTER_SINCE:
        fail("request_date", f"{request:%d/%m/%Y} is before the register existed (2004)")
    elif request and birth and request < birth:
        fail("request_date", "before the date of birth")
    eligibility = _choice(values, "eligibility", parse_eligibility, fail)
    if eligibility and birth and request and birth <= today:
        age = request.year - birth.year - ((request.month, request.day) < (birth.month, birth.day))
        if age < MIN_AGE[eligibility]:
            fail("eligibility", f"the person was {age} at the request date, too young for it")
    requester = _choice(values, "requester", parse_requester, fail)
    _check_requester(requester, values, fail)
    commune = None
    if values.get("commune"):
        commune = communes(values["commune"])
        if commune is None:
            fail("commune", f"unknown commune {show(values['commune'])} in this territory")
    postcode = values.get("postcode", "")
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        fail("postcode", f"{show(postcode)} is not a 5-digit postcode")
    phone = _phone(values, "phone", fail)
    emergency_phone = _phone(values, "emergency_phone", fail)
    if emergency_phone and not values.get("emergency_name"):
        fail("emergency_name", "the person to contact has a phone but no name")
    for column in ("last_name", "first_names"):
        if values.get(column) and not re.search(r"[^\W\d_]", values[column]):
            fail(column, f"{show(values[column])} has no letter")
    if found:
        issues.extend(found)
        return None
    return Row(
        line=number,
        last_name=values["last_name"],
        first_names=values["first_names"],
        birth_date=birth,
        eligibility=eligibility,
        address=values["address"],
        postcode=postcode,
        area_id=commune.area_id,
        commune=commune.name,
        phone=phone,
        home_care_service=values.get("home_care_service", ""),
        emergency_name=values.get("emergency_name", ""),
        emergency_phone=emergency_phone,
        request_date=request,
        requester=requester,
        requester_name=values.get("requester_name", ""),
        requester_quality=values.get("requester_quality", ""),
        written_request=values.get("written_request", ""),
    )


def _date_field(values, column, fail) -> dt.date | None:
    text = values.get(column, "")
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as error:
        fail(column, f"{show(text)}: {error}")
        return None


def _choice(values, column, parse, fail) -> str:
    text = values.get(column, "")
    if not text:
        return ""
    try:
        return parse(text)
    except ValueError as error:
        fail(column, f"{show(text)}: {error}")
        return ""


def _phone(values, column, fail) -> str:
    text = values.get(column, "")
    if not text:
        return ""
    try:
        return clean_phone(text)
    except ValueError as error:
        fail(column, f"{show(text)}: impossible phone number ({error})")
        return ""


def _check_requester(requester: str, values, fail) -> None:
    if requester in ("third_party", "legal_representative") and not values.get("requester_name"):
        fail("requester_name", "the requester's name is required when it is not the person")
    if requester == "third_party":
        if not values.get("requester_quality"):
            fail("requester_quality", "a third party's quality is required (neighbour, GP…)")
        if not values.get("written_request"):
            fail("written_request", "a third party asks in writing: give the reference of it")


def identity_key(last_name: str, first_names: str, birth: dt.date) -> tuple[str, str, str]:
    return (normalize_name(last_name), normalize_name(first_names), birth.isoformat())


def _repeated_lines(rows: list[Row]) -> list[Issue]:
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for row in rows:
        key = identity_key(row.last_name, row.first_names, row.birth_date)
        if key in seen:
            reason = f"the same person as line {seen[key]} (same name and date of birth)"
            issues.append(Issue(f"line {row.line}", "last_name", reason))
        else:
            seen[key] = row.line
    return issues
