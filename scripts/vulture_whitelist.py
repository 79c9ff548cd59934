"""Names vulture (run by .ci/run at 60% confidence) reports as unused that are used after all.

Each is called by a framework, read by a test or a build script, or documents a value; anything
else vulture reports is dead code and goes. Not imported by anything.
"""

# ruff: noqa: B018, F821

# Called by python-telegram-bot (Application and BaseRequest hooks we override).
_.do_process_update  # bot/telegram_app.py
_.initialize  # bot/telegram_app.py, bot/telegram_http.py
_.do_request  # bot/telegram_http.py
# Called by html.parser.HTMLParser (the web chat's HTML sanitiser).
_.handle_starttag
_.handle_endtag
_.handle_data
# Called by uvicorn (its Server hook, overridden so SIGTERM finishes replies first).
_.capture_signals
# SQLAlchemy: TypeDecorator and declarative base attributes, mapped columns read through ORM rows.
impl
cache_ok
_.process_bind_param
_.process_result_value
metadata
type_annotation_map
contact_modes
free_of_charge
postal_code
last_seen_at
_.last_seen_at
# The webhook's counters, per outcome: read by tests (tests/bot/test_webhook.py) and operators.
accepted
forbidden
too_large
malformed
disconnected
too_slow
_.forbidden
_.too_large
_.malformed
_.too_slow
_.disconnected
_.accepted
# Public API read by tests and build scripts (scripts/build_gazetteer.py, build_lexicon.py,
# train_screening.py).
ATTRIBUTION_TERYT
may_edit_service
_.editor
_.warsaw_districts
_.delegatury
_.town_point
is_valid
normalise_phones
build_form_table
train
fit_calibration
_.concepts_of
_.lemmas
crisis_type  # bot/crisis_type.py: the type alone, for tests and benches
needs_in
# bot/crisis_type.py: the parts of `read_turn` one at a time, for tests and bench/topic_reading.py.
topic_word_indices
without_crisis_words
cyrillic_crisis_words
ordinary_words
language_scores  # bot/language.py: the evidence per language, for tests
# Enum member and a documented threshold named in docstrings and tests.
GENERAL
SOURCE_STALE_AFTER_YEARS
