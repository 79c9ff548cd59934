"""Drogowskaz directory: Polish gazetteer, help directory, referral ranking, storage."""

ATTRIBUTION_TERYT = "GUS TERYT (TERC 2024-01-01, SIMC 2023-01-01); boundaries: PRG, GUGiK"
