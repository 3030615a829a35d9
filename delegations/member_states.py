"""Fixed lists of States (ISO 3166-1 alpha-2 codes, as django_countries stores them)."""

# The 193 Member States of the United Nations.
UN_MEMBER_STATES = (
    "AF", "AL", "DZ", "AD", "AO", "AG", "AR", "AM", "AU", "AT", "AZ", "BS", "BH", "BD", "BB",
    "BY", "BE", "BZ", "BJ", "BT", "BO", "BA", "BW", "BR", "BN", "BG", "BF", "BI", "CV", "KH",
    "CM", "CA", "CF", "TD", "CL", "CN", "CO", "KM", "CG", "CR", "CI", "HR", "CU", "CY", "CZ",
    "KP", "CD", "DK", "DJ", "DM", "DO", "EC", "EG", "SV", "GQ", "ER", "EE", "SZ", "ET", "FJ",
    "FI", "FR", "GA", "GM", "GE", "DE", "GH", "GR", "GD", "GT", "GN", "GW", "GY", "HT", "HN",
    "HU", "IS", "IN", "ID", "IR", "IQ", "IE", "IL", "IT", "JM", "JP", "JO", "KZ", "KE", "KI",
    "KW", "KG", "LA", "LV", "LB", "LS", "LR", "LY", "LI", "LT", "LU", "MG", "MW", "MY", "MV",
    "ML", "MT", "MH", "MR", "MU", "MX", "FM", "MD", "MC", "MN", "ME", "MA", "MZ", "MM", "NA",
    "NR", "NP", "NL", "NZ", "NI", "NE", "NG", "MK", "NO", "OM", "PK", "PW", "PA", "PG", "PY",
    "PE", "PH", "PL", "PT", "QA", "KR", "RO", "RU", "RW", "KN", "LC", "VC", "WS", "SM", "ST",
    "SA", "SN", "RS", "SC", "SL", "SG", "SK", "SI", "SB", "SO", "ZA", "SS", "ES", "LK", "SD",
    "SR", "SE", "CH", "SY", "TJ", "TH", "TL", "TG", "TO", "TT", "TN", "TR", "TM", "TV", "UG",
    "UA", "AE", "GB", "TZ", "US", "UY", "UZ", "VU", "VE", "VN", "YE", "ZM", "ZW",
)  # fmt: skip

# The source says the Special Committee on Peacekeeping Operations (C-34) has 156 members but
# does not list them. The demo approximates it with the UN Member States minus these 37 small
# States, picked for the demo only: this says nothing about their actual membership.
LEFT_OUT_OF_C34_APPROXIMATION = frozenset(
    {
        "AD", "AG", "BS", "BB", "BZ", "KM", "DM", "GD", "KI", "LI", "MH", "FM", "MC", "NR",
        "PW", "KN", "LC", "VC", "WS", "SM", "ST", "SC", "SB", "TO", "TV", "TM", "SR", "CV",
        "GQ", "ER", "KP", "LA", "BN", "MV", "TL", "HT", "GY",
    }
)  # fmt: skip

C34_MEMBERS = tuple(code for code in UN_MEMBER_STATES if code not in LEFT_OUT_OF_C34_APPROXIMATION)

# Non-member observer States of the United Nations: the Holy See and the State of Palestine.
OBSERVER_STATES = ("VA", "PS")

# Regions only choose a plausible pool of names for a delegation's members (see names.py).
ARAB_STATES = frozenset(
    {"DZ", "BH", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "QA", "SA", "SD", "SY",
     "TN", "AE", "YE", "PS"}
)  # fmt: skip
AFRICAN_STATES = frozenset(
    {"AO", "BJ", "BW", "BF", "BI", "CV", "CM", "CF", "TD", "KM", "CG", "CD", "CI", "DJ", "GQ",
     "ER", "SZ", "ET", "GA", "GM", "GH", "GN", "GW", "KE", "LS", "LR", "MG", "MW", "ML", "MU",
     "MZ", "NA", "NE", "NG", "RW", "ST", "SN", "SC", "SL", "SO", "ZA", "SS", "TG", "UG", "TZ",
     "ZM", "ZW"}
)  # fmt: skip
LATIN_AMERICAN_STATES = frozenset(
    {"AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT", "HN", "MX", "NI", "PA",
     "PY", "PE", "UY", "VE"}
)  # fmt: skip
SOUTH_ASIAN_STATES = frozenset({"AF", "BD", "BT", "IN", "IR", "MV", "NP", "PK", "LK"})
EAST_ASIAN_STATES = frozenset({"CN", "JP", "KR", "KP", "MN"})
ASIA_PACIFIC_STATES = frozenset(
    {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL",
     "VN", "FJ", "PG", "WS", "SB", "VU", "TO"}
)  # fmt: skip
EURASIAN_STATES = frozenset(
    {"RU", "BY", "UA", "MD", "AM", "AZ", "GE", "KZ", "KG", "TJ", "TM", "UZ"}
)  # fmt: skip
