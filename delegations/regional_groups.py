"""The five United Nations regional groups of Member States, as used for elections and for
reporting by region (e.g. the totals a peacekeeping ministerial announces).

Each Member State is in exactly one group here. Türkiye takes part in the Asia-Pacific and
the Western European and others groups and counts in the latter for elections; the United
States attends the Western European and others group as an observer and is counted in it; the
State of Palestine (an observer State) belongs to the Asia-Pacific group.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African States")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = "grulac", _("Latin American and Caribbean States")
    WESTERN_EUROPEAN_OTHERS = "weog", _("Western European and other States")


REGIONAL_GROUP_MEMBERS: dict[str, frozenset[str]] = {
    RegionalGroup.AFRICAN: frozenset(
        {"DZ", "AO", "BJ", "BW", "BF", "BI", "CV", "CM", "CF", "TD", "KM", "CG", "CD", "CI",
         "DJ", "EG", "GQ", "ER", "SZ", "ET", "GA", "GM", "GH", "GN", "GW", "KE", "LS", "LR",
         "LY", "MG", "MW", "ML", "MR", "MU", "MA", "MZ", "NA", "NE", "NG", "RW", "ST", "SN",
         "SC", "SL", "SO", "ZA", "SS", "SD", "TG", "TN", "UG", "TZ", "ZM", "ZW"}
    ),
    RegionalGroup.ASIA_PACIFIC: frozenset(
        {"AF", "BH", "BD", "BT", "BN", "KH", "CN", "CY", "KP", "FJ", "IN", "ID", "IR", "IQ",
         "JP", "JO", "KZ", "KI", "KW", "KG", "LA", "LB", "MY", "MV", "MH", "FM", "MN", "MM",
         "NR", "NP", "OM", "PK", "PW", "PG", "PH", "QA", "KR", "WS", "SA", "SG", "SB", "LK",
         "SY", "TJ", "TH", "TL", "TO", "TM", "TV", "AE", "UZ", "VU", "VN", "YE", "PS"}
    ),
    RegionalGroup.EASTERN_EUROPEAN: frozenset(
        {"AL", "AM", "AZ", "BY", "BA", "BG", "HR", "CZ", "EE", "GE", "HU", "LV", "LT", "ME",
         "MD", "PL", "RO", "RU", "RS", "SK", "SI", "MK", "UA"}
    ),
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN: frozenset(
        {"AG", "AR", "BS", "BB", "BZ", "BO", "BR", "CL", "CO", "CR", "CU", "DM", "DO", "EC",
         "SV", "GD", "GT", "GY", "HT", "HN", "JM", "MX", "NI", "PA", "PY", "PE", "KN", "LC",
         "VC", "SR", "TT", "UY", "VE"}
    ),
    RegionalGroup.WESTERN_EUROPEAN_OTHERS: frozenset(
        {"AD", "AU", "AT", "BE", "CA", "DK", "FI", "FR", "DE", "GR", "IS", "IE", "IL", "IT",
         "LI", "LU", "MT", "MC", "NL", "NZ", "NO", "PT", "SM", "ES", "SE", "CH", "TR", "GB",
         "US"}
    ),
}  # fmt: skip

GROUP_OF_COUNTRY: dict[str, str] = {
    country: group for group, members in REGIONAL_GROUP_MEMBERS.items() for country in members
}


def regional_group(country: str) -> str | None:
    """The regional group of `country` (an ISO code), or None for a State in none."""
    return GROUP_OF_COUNTRY.get(str(country))
