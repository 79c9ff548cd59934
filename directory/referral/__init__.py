"""Referral: which help to show a resident, in what order and why (pure: no database).

- records: what ranking knows about a service, from the bundled seed or a stored row;
- options: an option as a resident sees it, and its reasons in words (reasons);
- floor: 112 and the national 24/7 lines every list ends with;
- ranking: the order (see its module doc) for residents and for responders.

The directory as the database holds it (snapshot cache, version, reads) is directory.store.
"""

from __future__ import annotations

from directory.referral.options import (
    Option,
    PhoneView,
    build_option,
    phone_views,
    short_name,
)
from directory.referral.ranking import (
    CHILD_AUDIENCES,
    CONFIDENCE_ORDER,
    HANDOVER_BEYOND_REACH_COUNT,
    HANDOVER_MAX_COUNT,
    HANDOVER_REACH_KM,
    NEARBY_MAX_COUNT,
    NEARBY_MAX_KM,
    PAGE_SIZE,
    SCOPE_ORDER,
    Handover,
    OptionsRequest,
    audience_fits,
    audience_level,
    handover_options,
    line_fits,
    opening_order,
    rank_handover_points,
    rank_options,
    topics_fit,
    unconfirmed_powiats,
)
from directory.referral.reasons import HOURS_REASONS, REASON_TEXT, SPOKEN_FIRST, Reason, Scope
from directory.referral.records import (
    PhoneRecord,
    ServiceRecord,
    is_approximate_point,
    record_from_entry,
    record_from_service,
    says_residents_only,
    street_address,
)

__all__ = [
    "CHILD_AUDIENCES",
    "CONFIDENCE_ORDER",
    "HANDOVER_BEYOND_REACH_COUNT",
    "HANDOVER_MAX_COUNT",
    "HANDOVER_REACH_KM",
    "HOURS_REASONS",
    "NEARBY_MAX_COUNT",
    "NEARBY_MAX_KM",
    "PAGE_SIZE",
    "REASON_TEXT",
    "SCOPE_ORDER",
    "SPOKEN_FIRST",
    "Handover",
    "Option",
    "OptionsRequest",
    "PhoneRecord",
    "PhoneView",
    "Reason",
    "Scope",
    "ServiceRecord",
    "audience_fits",
    "audience_level",
    "build_option",
    "handover_options",
    "is_approximate_point",
    "line_fits",
    "opening_order",
    "phone_views",
    "rank_handover_points",
    "rank_options",
    "record_from_entry",
    "record_from_service",
    "says_residents_only",
    "short_name",
    "street_address",
    "topics_fit",
    "unconfirmed_powiats",
]
