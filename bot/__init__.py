"""Drogowskaz bot: the channel-independent dialogue and its Telegram and console channels."""
