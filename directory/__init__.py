"""Drogowskaz directory: the Polish gazetteer, the help directory, referral ranking and their storage."""

ATTRIBUTION_TERYT = "GUS TERYT (TERC 2024-01-01, SIMC 2023-01-01); boundaries: PRG, GUGiK"
