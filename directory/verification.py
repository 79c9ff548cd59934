"""The verification queue: the path from researched entries to a directory that can go live.

One domain module for every front end (the `verify` command line, /verify in the chat, the staff
view and, later, the web panel); none of them decides anything on its own.

What waits in the queue, first things first:

1. an entry with a change its centre's staff proposed (a new phone number): residents keep
   seeing the live value until an administrator approves it, and the live number may be wrong;
2. an entry its centre confirmed but residents do not see yet (only an administrator takes an
   unverified entry live);
3. every other entry that the one visibility rule (directory.visibility) hides for a reason an
   administrator's check can lift (not yet verified, low confidence, an old source, possibly
   closed, no phone), and every entry shown but not yet confirmed;

ordered, within 2 and 3, by how much verifying it would give residents: first the entries that
would give the most powiats their first local option (then their first local option open
24/7), counted greedily (an entry whose powiats an entry above it already covers gains nothing
more), then entries that would be shown but add no powiat, then the entries already shown, then
those that need an edit before residents could see them (no phone), then the most powiats served.

Why powiats and not residents: the gazetteer holds no population figures, and counting gminas
as a proxy would rank a rural powiat of ten gminas above a city with powiat rights, which is one
gmina with hundreds of thousands of residents. Crisis intervention is a powiat's duty (art. 19
of the Act on Social Assistance) and coverage is reported per powiat, so the order raises the
number of powiats with local help fastest.

Every decision is audited (directory.audit): approvals and hides as field changes of the service
(revertible), proposals and decisions about pending changes as `pending_change` rows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.access import Access
from directory.audit import decode
from directory.coverage import EntryFacts, entry_facts
from directory.editing import (
    VERIFIED_BY_ADMIN,
    VERIFIED_BY_CENTRE,
    ChangeResult,
    EditRefused,
    InvalidValue,
    change_service,
    check_value,
    format_address,
    parse_address,
    read_field,
)
from directory.fields import FLAG_FIELDS, TEXT_LIST_FIELDS
from directory.gazetteer import load_gazetteer
from directory.i18n import N_, translator
from directory.kinds import kind_label
from directory.models import (
    PendingChange,
    Phone,
    Service,
    ServiceScope,
    ServiceStatus,
    services_with_details,
)
from directory.pending import APPROVAL_FIELDS as APPROVAL_FIELDS
from directory.pending import PENDING_ENTITY as PENDING_ENTITY
from directory.pending import decide_pending, pending_rows
from directory.phones import normalise_phone
from directory.referral import record_from_service
from directory.visibility import (
    AWAITING_REASONS,
    WITHDRAWN_STATUSES,
    HiddenBecause,
    Standing,
    hidden_because,
    hidden_label,
    standing,
    would_be_shown_if_verified,
)

MAX_REASON_CHARS: Final = 300
# Sentences of a researcher's caveats that record a disagreement between sources.
_CONFLICT_WORDS: Final = re.compile(
    r"conflict|contradict|disagree|differs?\b|different from|two numbers|\bvs\.?\s|sprzeczn",
    re.IGNORECASE,
)
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+")
# "ul.", "tel.", "godz.": a short lower-case word before a dot does not end a sentence.
_ABBREVIATION: Final = re.compile(r"(?:^|\s)[a-ząćęłńóśźż]{1,4}\.$")


class QueueReason(StrEnum):
    """Why an entry waits in the queue (its priority: the first reason that applies)."""

    PENDING_CHANGE = "pending_change"
    CONFIRMED_BY_CENTRE = "confirmed_by_centre"
    HIDDEN = "hidden"
    UNCONFIRMED = "unconfirmed"


QUEUE_REASON_LABELS: Final[dict[QueueReason, str]] = {
    QueueReason.PENDING_CHANGE: N_("its centre proposed a change"),
    QueueReason.CONFIRMED_BY_CENTRE: N_("its centre confirmed it; residents do not see it yet"),
    QueueReason.HIDDEN: N_("residents do not see it until it is verified"),
    QueueReason.UNCONFIRMED: N_("shown to residents as not yet confirmed"),
}
_REASON_RANK: Final[dict[QueueReason, int]] = {
    QueueReason.PENDING_CHANGE: 0,
    QueueReason.CONFIRMED_BY_CENTRE: 1,
    QueueReason.HIDDEN: 2,
    QueueReason.UNCONFIRMED: 2,
}


class VerificationRefused(EditRefused):
    """A queue decision that cannot be made (not an administrator, nothing to approve, …)."""


@dataclass(frozen=True)
class Pending:
    """One change proposed by a centre's staff, waiting for an administrator."""

    id: int
    service_id: str
    field: str
    value: Any
    based_on: Any
    proposed_by: str
    proposed_at: datetime


@dataclass(frozen=True)
class QueueEntry:
    """One entry of the queue, with what verifying it as it stands would give residents."""

    position: int
    service_id: str
    name: str
    kind: str
    reason: QueueReason
    standing: Standing
    hidden_because: HiddenBecause | None
    area_powiats: tuple[str, ...]
    # Powiats whose first local option (first local option open 24/7) this entry would be.
    gains_local: tuple[str, ...]
    gains_24_7: tuple[str, ...]
    # Verifying it as it stands would show it to residents (not withdrawn, has a phone).
    would_show: bool
    pending: tuple[Pending, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "position": self.position,
            "id": self.service_id,
            "name": self.name,
            "kind": self.kind,
            "reason": self.reason.value,
            "standing": self.standing.value,
            "hidden_because": self.hidden_because.value if self.hidden_because else None,
            "powiats": list(self.area_powiats),
            "gains_first_local_option": list(self.gains_local),
            "gains_first_24_7_option": list(self.gains_24_7),
            "would_show_if_verified": self.would_show,
            "pending_changes": [
                {
                    "field": p.field,
                    "value": p.value,
                    "live_value_when_proposed": p.based_on,
                    "proposed_by": p.proposed_by,
                    "proposed_at": p.proposed_at.isoformat(),
                }
                for p in self.pending
            ],
        }


@dataclass(frozen=True)
class Queue:
    """The whole queue in order, with the coverage it starts from."""

    entries: tuple[QueueEntry, ...]
    powiats_with_local_option: int
    powiats_with_local_24_7: int

    def __len__(self) -> int:
        """The number of entries waiting."""
        return len(self.entries)

    def find(self, service_id: str) -> QueueEntry | None:
        """The entry of `service_id`, if it waits in the queue."""
        return next((e for e in self.entries if e.service_id == service_id), None)

    def first(self, skipped: Collection[str] = ()) -> QueueEntry | None:
        """The first entry not in `skipped`."""
        return next((e for e in self.entries if e.service_id not in skipped), None)

    @property
    def gaining_local(self) -> int:
        """Entries that would give at least one powiat its first local option."""
        return sum(1 for e in self.entries if e.gains_local)


@dataclass(frozen=True)
class Conflict:
    """Something in an entry that disagrees with something else; `text(lang)` says what."""

    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The conflict in words."""
        return translator(lang).gettext(self.message) % dict(self.params)


@dataclass(frozen=True)
class EntryDescription:
    """Everything an administrator needs to decide about one entry."""

    service_id: str
    name: str
    name_en: str | None
    organization: str
    kind: str
    scope: str
    status: str
    confidence: str
    standing: Standing
    hidden_because: HiddenBecause | None
    hidden_reason: str | None
    phones: tuple[str, ...]
    hours: str | None
    hours_as_published: str | None
    address: str | None
    area_powiats: tuple[str, ...]
    sources: tuple[str, ...]
    source_date: str | None
    verified_on: date | None
    verified_by: str | None
    caveats: str | None
    conflicts: tuple[Conflict, ...]
    queue_entry: QueueEntry | None
    queue_length: int

    @property
    def pending(self) -> tuple[Pending, ...]:
        """The changes its centre proposed."""
        return self.queue_entry.pending if self.queue_entry else ()

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready dict (conflicts and reasons in `lang`)."""
        return {
            "id": self.service_id,
            "name": self.name,
            "name_en": self.name_en,
            "organization": self.organization,
            "kind": self.kind,
            "scope": self.scope,
            "status": self.status,
            "confidence": self.confidence,
            "standing": self.standing.value,
            "hidden_because": self.hidden_because.value if self.hidden_because else None,
            "hidden_reason": self.hidden_reason,
            "phones": list(self.phones),
            "hours": self.hours,
            "hours_as_published": self.hours_as_published,
            "address": self.address,
            "powiats": list(self.area_powiats),
            "sources": list(self.sources),
            "source_date": self.source_date,
            "verified_on": self.verified_on.isoformat() if self.verified_on else None,
            "verified_by": self.verified_by,
            "caveats": self.caveats,
            "conflicts": [c.text(lang) for c in self.conflicts],
            "queue": self.queue_entry.to_json() if self.queue_entry else None,
            "queue_length": self.queue_length,
        }


# --- loading ------------------------------------------------------------------------------------


def _services(session: Session) -> list[Service]:
    return list(session.scalars(services_with_details()))


def _pending(row: PendingChange) -> Pending:
    return Pending(
        id=row.id,
        service_id=row.service_id,
        field=row.field,
        value=decode(row.value),
        based_on=decode(row.based_on),
        proposed_by=row.proposed_by,
        proposed_at=row.proposed_at,
    )


def pending_changes(session: Session, service_id: str | None = None) -> list[Pending]:
    """Changes proposed by centres' staff and not yet decided, oldest first."""
    return [_pending(row) for row in pending_rows(session, service_id)]


# --- the queue (pure over the loaded facts) -----------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """What ordering needs to know about one entry that may wait in the queue."""

    service_id: str
    name: str
    kind: str
    scope: str
    standing: Standing
    hidden_because: HiddenBecause | None
    would_show: bool
    always_open: bool
    area_powiats: frozenset[str]
    confirmed_by_centre: bool = False
    pending: tuple[Pending, ...] = ()

    @property
    def reason(self) -> QueueReason | None:
        """Why it waits in the queue, or None when it does not."""
        if self.pending:
            return QueueReason.PENDING_CHANGE
        if self.scope == ServiceScope.EMERGENCY.value:
            return None
        if self.standing is Standing.HIDDEN:
            if self.hidden_because not in AWAITING_REASONS:
                return None
            if self.confirmed_by_centre:
                return QueueReason.CONFIRMED_BY_CENTRE
            return QueueReason.HIDDEN
        if self.standing is Standing.UNCONFIRMED:
            return QueueReason.UNCONFIRMED
        return None


def order_queue(
    candidates: Iterable[Candidate],
    covered_local: Collection[str],
    covered_24_7: Collection[str],
) -> list[QueueEntry]:
    """The queue in order (see the module doc), with each entry's gains counted greedily."""
    waiting = [c for c in candidates if c.reason is not None]
    local = set(covered_local)
    round_the_clock = set(covered_24_7)
    ordered: list[QueueEntry] = []

    def gains(candidate: Candidate) -> tuple[frozenset[str], frozenset[str]]:
        counts = (
            candidate.would_show
            and candidate.standing is Standing.HIDDEN
            and candidate.scope == ServiceScope.LOCAL.value
        )
        if not counts:
            return frozenset(), frozenset()
        new_local = candidate.area_powiats - local
        new_24_7 = (
            candidate.area_powiats - round_the_clock if candidate.always_open else frozenset()
        )
        return frozenset(new_local), frozenset(new_24_7)

    def key(candidate: Candidate) -> tuple[object, ...]:
        reason = candidate.reason
        assert reason is not None
        new_local, new_24_7 = gains(candidate)
        if candidate.standing is not Standing.HIDDEN:
            group = 1  # already shown: verifying removes "not yet confirmed"
        elif candidate.would_show:
            group = 0
        else:
            group = 2  # needs an edit (a phone) before residents could see it
        return (
            _REASON_RANK[reason],
            -len(new_local),
            -len(new_24_7),
            group,
            -len(candidate.area_powiats),
            candidate.service_id,
        )

    while waiting:
        best = min(waiting, key=key)
        waiting.remove(best)
        new_local, new_24_7 = gains(best)
        local |= new_local
        round_the_clock |= new_24_7
        reason = best.reason
        assert reason is not None
        ordered.append(
            QueueEntry(
                position=len(ordered) + 1,
                service_id=best.service_id,
                name=best.name,
                kind=best.kind,
                reason=reason,
                standing=best.standing,
                hidden_because=best.hidden_because,
                area_powiats=tuple(sorted(best.area_powiats)),
                gains_local=tuple(sorted(new_local)),
                gains_24_7=tuple(sorted(new_24_7)),
                would_show=best.would_show,
                pending=best.pending,
            )
        )
    return ordered


def _covered(facts: Iterable[EntryFacts]) -> tuple[set[str], set[str]]:
    local: set[str] = set()
    round_the_clock: set[str] = set()
    for entry in facts:
        if entry.active and entry.scope == ServiceScope.LOCAL.value:
            local |= entry.area_powiats
            if entry.always_open:
                round_the_clock |= entry.area_powiats
    return local, round_the_clock


def _candidate(
    service: Service, facts: EntryFacts, today: date, pending: tuple[Pending, ...]
) -> Candidate:
    """One entry as the queue orders it, from its row and its coverage facts (the visibility
    rule's reading of the row made once, by entry_facts)."""
    provenance = facts.provenance or record_from_service(service).provenance
    return Candidate(
        service_id=service.id,
        name=service.name_pl,
        kind=service.kind,
        scope=service.scope,
        standing=standing(provenance, today),
        hidden_because=hidden_because(provenance, today),
        would_show=would_be_shown_if_verified(provenance),
        always_open=facts.always_open,
        area_powiats=facts.area_powiats,
        confirmed_by_centre=(
            service.verified_by == VERIFIED_BY_CENTRE and service.verified_on is not None
        ),
        pending=pending,
    )


def list_queue(session: Session, today: date) -> Queue:
    """The verification queue of the stored directory on `today`, in order."""
    services = _services(session)
    facts = entry_facts(services, today)
    by_id = {f.id: f for f in facts}
    pending: dict[str, list[Pending]] = {}
    for item in pending_changes(session):
        pending.setdefault(item.service_id, []).append(item)
    candidates = [
        _candidate(service, by_id[service.id], today, tuple(pending.get(service.id, ())))
        for service in services
    ]
    local, round_the_clock = _covered(facts)
    return Queue(
        entries=tuple(order_queue(candidates, local, round_the_clock)),
        powiats_with_local_option=len(local),
        powiats_with_local_24_7=len(round_the_clock),
    )


# --- one entry in full --------------------------------------------------------------------------


def caveat_conflicts(caveats: str | None) -> list[str]:
    """The sentences of a researcher's caveats that record a disagreement between sources."""
    if not caveats:
        return []
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(caveats):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if _CONFLICT_WORDS.search(s)]


def _conflicts(
    session: Session, service: Service, pending: Sequence[Pending]
) -> tuple[Conflict, ...]:
    found = [
        Conflict("source", N_("Sources disagree: %(text)s"), {"text": text})
        for text in caveat_conflicts(service.caveats)
    ]
    dials = {p.dial for p in service.phones if p.dial}
    if dials:
        query = (
            select(Phone.dial, Service.id, Service.name_pl)
            .join(Service, Phone.service_id == Service.id)
            .where(Phone.dial.in_(sorted(dials)), Service.id != service.id)
            .order_by(Service.id)
        )
        for dial, other_id, other_name in session.execute(query):
            found.append(
                Conflict(
                    "shared_phone",
                    N_("%(number)s is also listed for %(other)s (%(id)s)."),
                    {"number": dial, "other": other_name, "id": other_id},
                )
            )
    for item in pending:
        if read_field(service, item.field) != item.based_on:
            found.append(
                Conflict(
                    "changed_since",
                    N_(
                        "The live value of %(field)s changed after the centre proposed its "
                        "change; compare them before approving."
                    ),
                    {"field": item.field},
                )
            )
    return tuple(found)


def describe_entry(
    session: Session, service_id: str, today: date, queue: Queue | None = None
) -> EntryDescription | None:
    """Every source, caveat, conflict and pending change of one entry, and its queue place."""
    service = session.get(Service, service_id)
    if service is None:
        return None
    queue = queue if queue is not None else list_queue(session, today)
    entry = queue.find(service_id)
    provenance = record_from_service(service).provenance
    location = read_field(service, "location") or {}
    return EntryDescription(
        service_id=service.id,
        name=service.name_pl,
        name_en=service.name_en,
        organization=service.organization.name,
        kind=service.kind,
        scope=service.scope,
        status=service.status,
        confidence=service.confidence,
        standing=standing(provenance, today),
        hidden_because=hidden_because(provenance, today),
        hidden_reason=service.hidden_reason,
        phones=tuple(p.number_as_published for p in service.phones),
        hours=service.hours,
        hours_as_published=service.hours_as_published,
        address=format_address(location) or None,
        area_powiats=tuple(a.code for a in service.areas if a.kind == "powiat"),
        sources=tuple(service.source_urls),
        source_date=service.source_date,
        verified_on=service.verified_on,
        verified_by=service.verified_by,
        caveats=service.caveats,
        conflicts=_conflicts(session, service, entry.pending if entry else ()),
        queue_entry=entry,
        queue_length=len(queue),
    )


def powiat_names(codes: Iterable[str]) -> str:
    """'Wrocław, dolnośląskie; powiat kłodzki, dolnośląskie' for TERYT codes."""
    gazetteer = load_gazetteer()
    return "; ".join(
        gazetteer.powiat(code).label() if gazetteer.has_powiat(code) else code for code in codes
    )


def _value_text(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def describe_lines(description: EntryDescription, lang: str) -> list[str]:
    """The entry in plain-text lines, in `lang` (the CLI prints them; the chat escapes them)."""
    _ = translator(lang).gettext
    d = description
    lines = [f"{d.name} [{d.service_id}]"]
    if d.name_en:
        lines.append(d.name_en)
    lines.append(
        _("%(kind)s · %(scope)s · organisation: %(org)s")
        % {"kind": kind_label(d.kind, lang) or d.kind, "scope": d.scope, "org": d.organization}
    )
    entry = d.queue_entry
    if entry is not None:
        lines.append(
            _("Place %(position)d of %(total)d in the queue: %(reason)s.")
            % {
                "position": entry.position,
                "total": d.queue_length,
                "reason": _(QUEUE_REASON_LABELS[entry.reason]),
            }
        )
        if entry.gains_local:
            lines.append(
                _("Verifying it gives its first local option to: %(powiats)s")
                % {"powiats": powiat_names(entry.gains_local)}
            )
        if entry.gains_24_7:
            lines.append(
                _("…and its first local option open 24/7 to: %(powiats)s")
                % {"powiats": powiat_names(entry.gains_24_7)}
            )
        if not entry.would_show:
            lines.append(_("Verifying it as it stands would not show it: it needs a phone first."))
    else:
        lines.append(_("Not in the verification queue."))
    if d.hidden_because is not None:
        lines.append(
            _("Residents do not see it now: %(why)s.")
            % {"why": hidden_label(d.hidden_because, lang, d.hidden_reason)}
        )
    lines.append(_("Serves: %(powiats)s") % {"powiats": powiat_names(d.area_powiats) or "—"})
    lines.append(_("Phones: %(phones)s") % {"phones": _value_text(list(d.phones))})
    hours = d.hours or "—"
    if d.hours_as_published and d.hours_as_published != d.hours:
        hours = f"{hours} ({d.hours_as_published})"
    lines.append(_("Hours: %(hours)s") % {"hours": hours})
    lines.append(_("Address: %(address)s") % {"address": d.address or "—"})
    lines.append(
        _("Status: %(status)s · confidence: %(confidence)s")
        % {"status": d.status, "confidence": d.confidence}
    )
    lines.append(_("Source date: %(date)s") % {"date": d.source_date or "—"})
    if d.verified_on is not None:
        lines.append(
            _("Last verified: %(date)s by %(who)s")
            % {"date": d.verified_on.isoformat(), "who": d.verified_by or "—"}
        )
    lines.append(_("Sources:"))
    lines.extend(f"  • {url}" for url in d.sources or ("—",))
    if d.caveats:
        lines.append(_("Caveats: %(text)s") % {"text": d.caveats})
    for conflict in d.conflicts:
        lines.append("⚠ " + conflict.text(lang))
    for item in d.pending:
        lines.append(
            _("Proposed by %(who)s on %(date)s: %(field)s → %(new)s (now: %(old)s)")
            % {
                "who": item.proposed_by,
                "date": item.proposed_at.date().isoformat(),
                "field": item.field,
                "new": _value_text(item.value),
                "old": _value_text(item.based_on),
            }
        )
    return lines


# --- decisions ----------------------------------------------------------------------------------


def _require_admin(access: Access | None) -> None:
    # `access` None is a trusted operator (the command line), as in directory.editing.
    if access is not None and not access.is_admin:
        raise VerificationRefused(N_("Only an administrator can verify or hide entries."))


def _reason_text(reason: str | None) -> str:
    text = check_value("hidden_reason", reason)
    if not text:
        raise InvalidValue(N_("Please give a reason."), "hidden_reason")
    if len(text) > MAX_REASON_CHARS:
        raise InvalidValue(
            N_("This text is too long (at most %(limit)d characters)."),
            "hidden_reason",
            limit=MAX_REASON_CHARS,
        )
    return str(text)


def _has_phone(numbers: Sequence[str]) -> bool:
    return any(normalise_phone(number).dial for number in numbers)


def approve(
    session: Session,
    service_id: str,
    *,
    actor: str,
    access: Access | None,
    today: date,
    edits: Mapping[str, Any] | None = None,
) -> ChangeResult:
    """Verify an entry as it stands (or with `edits`): residents see it, "checked on `today`".

    Its centre's pending changes are applied (an edit of the same field wins), an unverified
    entry becomes active, an administrator's hide is lifted, and `verified_on` is stamped.
    Refused for an entry that would still not be shown (no phone, withdrawn): add a phone in
    `edits`, or hide it with a reason. All in one audited change; nothing is written if any
    value is invalid.
    """
    _require_admin(access)
    service = session.get(Service, service_id)
    if service is None:
        raise VerificationRefused(N_("This entry does not exist (any more)."))
    rows = pending_rows(session, service_id)
    values: dict[str, Any] = {row.field: decode(row.value) for row in rows}
    values.update(edits or {})
    if service.status == ServiceStatus.UNVERIFIED.value and "status" not in values:
        values["status"] = ServiceStatus.ACTIVE.value
    if service.hidden_reason and "hidden_reason" not in values:
        values["hidden_reason"] = None
    values["verified_on"] = today.isoformat()
    values["verified_by"] = VERIFIED_BY_ADMIN
    # Validated here (change_service would too) so the checks below see canonical values.
    known = frozenset(read_field(service, "phones"))
    cleaned = {
        name: check_value(name, value, known_phones=known if name == "phones" else frozenset())
        for name, value in values.items()
    }
    status = cleaned.get("status", service.status)
    if status in WITHDRAWN_STATUSES or cleaned.get("hidden_reason"):
        raise VerificationRefused(
            N_("Verifying would not show this entry (it is withdrawn or hidden); hide it instead.")
        )
    if not _has_phone(cleaned.get("phones", read_field(service, "phones"))):
        raise VerificationRefused(
            N_(
                "This entry has no phone number residents could call. Add one from a source "
                "(verify with phones=…), or hide it with a reason."
            )
        )
    result = change_service(
        session,
        service_id,
        cleaned,
        actor=actor,
        access=access,
        today=today,
        stamp_verified=False,
        validated=True,
    )
    if rows:
        decide_pending(session, rows, actor=actor, decision="approved", reason=None)
    return result


def hide(
    session: Session, service_id: str, *, actor: str, access: Access | None, reason: str
) -> ChangeResult:
    """Keep an entry from residents with a reason (it leaves the queue); audited, revertible.

    Its centre's pending changes are declined with the same reason."""
    _require_admin(access)
    if session.get(Service, service_id) is None:
        raise VerificationRefused(N_("This entry does not exist (any more)."))
    text = _reason_text(reason)
    result = change_service(
        session,
        service_id,
        {"hidden_reason": text},
        actor=actor,
        access=access,
        stamp_verified=False,
        validated=True,
    )
    rows = pending_rows(session, service_id)
    if rows:
        decide_pending(session, rows, actor=actor, decision="rejected", reason=text)
    return result


def reject_pending(
    session: Session, service_id: str, *, actor: str, access: Access | None, reason: str
) -> int:
    """Decline the changes a centre proposed for an entry (the live values stay); audited.

    Returns how many were declined."""
    _require_admin(access)
    text = _reason_text(reason)
    rows = pending_rows(session, service_id)
    if not rows:
        raise VerificationRefused(N_("No change waits for approval for this entry."))
    decide_pending(session, rows, actor=actor, decision="rejected", reason=text)
    return len(rows)


# --- what the command line and the web panel type -----------------------------------------------


def parse_edit(text: str, service: Service | None = None) -> tuple[str, Any]:
    """(field, value) from "field=value" as an administrator types it on the command line.

    Lists (phones, areas, crisis_types, …) are separated by "|", flags are yes/no, an empty
    value clears the field, and "address=ul. Długa 5, 00-001 Warszawa" sets the street, postal
    code and town of the location.
    """
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise InvalidValue(N_("Write an edit as field=value, e.g. phones=22 123 45 67."), name)
    raw = raw.strip()
    if name in TEXT_LIST_FIELDS:
        return name, [item.strip() for item in raw.split("|") if item.strip()]
    if name in FLAG_FIELDS:
        lowered = raw.lower()
        if lowered in {"yes", "tak", "true", "1"}:
            return name, True
        if lowered in {"no", "nie", "false", "0"}:
            return name, False
        if not lowered:
            return name, None
        raise InvalidValue(N_("Expected yes or no."), name)
    if name == "address":
        current = read_field(service, "location") if service is not None else None
        return "location", parse_address(raw, current)
    return name, raw or None


# --- what a centre's staff see ------------------------------------------------------------------


@dataclass(frozen=True)
class QueueState:
    """Where one entry stands, for its centre's staff."""

    service_id: str
    standing: Standing
    hidden_because: HiddenBecause | None
    hidden_reason: str | None
    queue_entry: QueueEntry | None
    queue_length: int
    confirmed_by_centre_on: date | None

    @property
    def pending(self) -> tuple[Pending, ...]:
        """Changes of this entry waiting for an administrator."""
        return self.queue_entry.pending if self.queue_entry else ()


def queue_states(
    session: Session, service_ids: Iterable[str], today: date
) -> dict[str, QueueState]:
    """The queue state of each of `service_ids` (one queue computation for all)."""
    queue = list_queue(session, today)
    states = {}
    for service_id in service_ids:
        service = session.get(Service, service_id)
        if service is None:
            continue
        provenance = record_from_service(service).provenance
        confirmed = (
            service.verified_on
            if service.verified_by == VERIFIED_BY_CENTRE and service.verified_on
            else None
        )
        states[service_id] = QueueState(
            service_id=service_id,
            standing=standing(provenance, today),
            hidden_because=hidden_because(provenance, today),
            hidden_reason=service.hidden_reason,
            queue_entry=queue.find(service_id),
            queue_length=len(queue),
            confirmed_by_centre_on=confirmed,
        )
    return states
