"""The web channel: the residents' chat (`chat`) and what every page shares (`common`).

Everything is served by one Starlette app (`app.build_web_app`) — the same app that takes
Telegram's webhook in webhook mode — with server-rendered pages that work without JavaScript.
"""
