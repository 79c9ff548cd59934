"""The chat protocol in one place: the resident commands (one table for /help, the Telegram
command menu, the web page and the names no extension may take), the button codes of the
resident dialogue and the prefixes reserved by them, and the platform's limits."""

from __future__ import annotations

from typing import Final

from directory.i18n import N_, translator

# --- limits --------------------------------------------------------------------------------

# Telegram's cap on a message's text (Bot API sendMessage); one place for the number.
TELEGRAM_TEXT_LIMIT: Final = 4096
# Telegram's cap on a photo's caption.
TELEGRAM_CAPTION_LIMIT: Final = 1024
# Telegram's cap on a callback button's data, in bytes, and the label length we allow.
CALLBACK_DATA_LIMIT: Final = 64
BUTTON_LABEL_LIMIT: Final = 100
# An extension's button prefix stays short, so its own data has room within the 64 bytes.
MAX_BUTTON_PREFIX_BYTES: Final = 16

# --- commands ------------------------------------------------------------------------------

# The resident commands, in menu order: the Telegram command menu and /help both read this table.
# (name, description, the name the Polish menu and help show when it differs).
COMMANDS: Final[tuple[tuple[str, str, str], ...]] = (
    ("start", N_("start again"), "start"),
    ("sos", N_("emergency numbers at once"), "sos"),
    ("help", N_("this help"), "help"),
    ("lang", N_("change language"), "lang"),
    ("forget", N_("erase this conversation"), "forget"),
    (
        "services",
        N_("for police, paramedics, crisis workers: where to hand a person over now"),
        "sluzby",
    ),
)
# Other names a command answers to (Polish names, common spellings), by the name it stands for.
# Cyrillic ones arrive as text on Telegram, which marks only Latin /commands as commands, so they
# are also recognised in a text message ("/допомога"), on every channel alike.
COMMAND_ALIASES: Final[dict[str, str]] = {
    "language": "lang",
    "jezyk": "lang",
    "język": "lang",
    "sluzby": "services",
    "służby": "services",
    "старт": "start",
    "почати": "start",
    "начать": "start",
    "допомога": "help",
    "помощь": "help",
    "довідка": "help",
    "справка": "help",
    "сос": "sos",
    "мова": "lang",
    "язык": "lang",
    "забути": "forget",
    "забудь": "forget",
    "забыть": "forget",
}


def command_list(lang: str) -> list[tuple[str, str]]:
    """(command as shown in `lang`, translated description) for the menu and /help."""
    gettext = translator(lang).gettext
    return [
        (polish if lang == "pl" else name, gettext(description))
        for name, description, polish in COMMANDS
    ]


def resident_command_names() -> frozenset[str]:
    """The resident commands by their English names (what a page's own buttons send)."""
    return frozenset(name for name, _description, _polish in COMMANDS)


def command_names() -> frozenset[str]:
    """Every name a resident command answers to, aliases included."""
    names = {name for name, _description, _polish in COMMANDS}
    names |= {polish for _name, _description, polish in COMMANDS}
    return frozenset(names | set(COMMAND_ALIASES))


# --- button codes of the resident dialogue ------------------------------------------------

LANGUAGE_PREFIX: Final = "lang:"  # lang:<code>
CRISIS_PREFIX: Final = "cr:"  # cr:<crisis type>
PLACE_PREFIX: Final = "pl:"  # pl:<index>:<powiat>
MORE: Final = "more"
FIRST_PAGE: Final = "p0"
CHANGE_PLACE: Final = "chp"
CHANGE_TOPIC: Final = "cht"
HELPFUL: Final = "hf:1"
NOT_HELPFUL: Final = "hf:0"
SOS: Final = "sos"
# Every code and prefix above: an extension's button prefix must not overlap any of them
# (extensions see a button first, so an overlapping prefix would take the dialogue's presses).
RESERVED_BUTTON_CODES: Final = frozenset(
    {
        LANGUAGE_PREFIX,
        CRISIS_PREFIX,
        PLACE_PREFIX,
        MORE,
        FIRST_PAGE,
        CHANGE_PLACE,
        CHANGE_TOPIC,
        HELPFUL,
        NOT_HELPFUL,
        SOS,
    }
)


def is_reserved_button_prefix(prefix: str) -> bool:
    """Whether button data starting with `prefix` could be one of the dialogue's own codes."""
    return any(prefix.startswith(code) or code.startswith(prefix) for code in RESERVED_BUTTON_CODES)
