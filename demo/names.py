"""Invented names, titles and reasons for the demo's participants and focal points.

Every person made from these pools is fictitious. Some pools are in the names' own scripts
(Arabic, Chinese, Cyrillic, Japanese) so that pages and exports meet more than ASCII.
"""

import random

from django.utils.text import slugify

from delegations import member_states as states

# Regional pools of invented Latin-script names, as (given name, family name) pairs.
LATIN_POOLS: dict[str, tuple[tuple[str, str], ...]] = {
    "arab": (
        ("Omar", "Haddad"),
        ("Leila", "Nasser"),
        ("Yousef", "Al-Amiri"),
        ("Mariam", "Saleh"),
        ("Khalid", "Mansour"),
        ("Nour", "El-Sayed"),
        ("Tariq", "Khoury"),
        ("Huda", "Barakat"),
        ("Sami", "Bouazizi"),
        ("Rania", "Hamdan"),
    ),
    "africa": (
        ("Kwame", "Mensah"),
        ("Amina", "Diallo"),
        ("Chinedu", "Okafor"),
        ("Aïssata", "Traoré"),
        ("Fatou", "Ndiaye"),
        ("Tendai", "Moyo"),
        ("Jean-Claude", "Habimana"),
        ("Abebe", "Tesfaye"),
        ("Nomvula", "Dlamini"),
        ("Issouf", "Ouédraogo"),
        ("Esi", "Kamara"),
        ("Thabo", "Banda"),
        ("Wanjiru", "Otieno"),
        ("Patrice", "Mutombo"),
    ),
    "latin_america": (
        ("Carlos", "Méndez"),
        ("Lucía", "Fernández"),
        ("João", "Silva"),
        ("Ana", "Rodríguez"),
        ("Diego", "Morales"),
        ("Valentina", "Rojas"),
        ("Inês", "Gonçalves"),
        ("Andrés", "Núñez"),
        ("Camila", "Peña"),
        ("Martín", "Castillo"),
    ),
    "south_asia": (
        ("Ayesha", "Khan"),
        ("Imran", "Qureshi"),
        ("Rohan", "Sharma"),
        ("Farhana", "Rahman"),
        ("Suresh", "Perera"),
        ("Bishnu", "Adhikari"),
        ("Zainab", "Malik"),
        ("Hamid", "Chaudhry"),
        ("Priya", "Nair"),
        ("Usman", "Siddiqui"),
        ("Sana", "Abbasi"),
        ("Kamal", "Hossain"),
    ),
    "east_asia": (
        ("Jianguo", "Zhao"),
        ("Hui", "Sun"),
        ("Hiroshi", "Yamamoto"),
        ("Aiko", "Kobayashi"),
        ("Min-jun", "Kim"),
        ("Ji-woo", "Park"),
        ("Bayar", "Batbayar"),
    ),
    "asia_pacific": (
        ("Siti", "Rahmawati"),
        ("Van Minh", "Nguyen"),
        ("Somchai", "Srisuk"),
        ("Maria", "Santos"),
        ("Mei", "Lin"),
        ("Ratu", "Naivalu"),
        ("Wei", "Tan"),
        ("Nurul", "Aziz"),
        ("Sokha", "Chea"),
    ),
    "eurasia": (
        ("Nurlan", "Abenov"),
        ("Anahit", "Petrosyan"),
        ("Giorgi", "Beridze"),
        ("Aliya", "Sadykova"),
        ("Taras", "Kovalenko"),
        ("Elmira", "Mammadova"),
        ("Rustam", "Karimov"),
        ("Oksana", "Shevchenko"),
        ("Ion", "Rusu"),
    ),
    "other": (
        ("Anna", "Lindqvist"),
        ("Thomas", "Becker"),
        ("Sarah", "O'Connor"),
        ("Marco", "Rossi"),
        ("Elena", "Popescu"),
        ("Piotr", "Nowak"),
        ("James", "Mitchell"),
        ("Søren", "Østergaard"),
        ("Zoë", "Müller"),
        ("François", "Lefèvre"),
        ("Łukasz", "Wójcik"),
        ("Çağla", "Yılmaz"),  # noqa: RUF001 (Turkish dotless i)
        ("Maria", "Papadopoulou"),
        ("Ingrid", "Hansen"),
        ("Liam", "Walsh"),
        ("Tomáš", "Novák"),
    ),
}

# Names in their own script with the Latin spelling their owners would use in an e-mail
# address: (given name, family name, Latin given name, Latin family name).
NATIVE_NAMES: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "arabic": (
        ("محمد", "الحسيني", "Mohamed", "Elhusseini"),
        ("فاطمة", "منصور", "Fatima", "Mansour"),
        ("أحمد", "العلي", "Ahmed", "Alali"),
        ("ليلى", "حداد", "Layla", "Haddad"),
        ("خالد", "السيد", "Khaled", "Elsayed"),
        ("عمر", "الشامي", "Omar", "Elshami"),
    ),
    "chinese": (
        ("伟", "王", "Wei", "Wang"),
        ("芳", "李", "Fang", "Li"),
        ("明华", "张", "Minghua", "Zhang"),
        ("晓峰", "刘", "Xiaofeng", "Liu"),
        ("丽娟", "陈", "Lijuan", "Chen"),
    ),
    "cyrillic": (
        ("Александр", "Смирнов", "Aleksandr", "Smirnov"),
        ("Ольга", "Кузнецова", "Olga", "Kuznetsova"),
        ("Дмитрий", "Попов", "Dmitry", "Popov"),
        ("Наталья", "Волкова", "Natalya", "Volkova"),
        ("Сергей", "Лебедев", "Sergey", "Lebedev"),
    ),
    "japanese": (
        ("健", "佐藤", "Ken", "Sato"),
        ("由美子", "田中", "Yumiko", "Tanaka"),
        ("翔太", "鈴木", "Shota", "Suzuki"),
        ("美咲", "高橋", "Misaki", "Takahashi"),
        ("大輔", "渡辺", "Daisuke", "Watanabe"),
        ("さくら", "中村", "Sakura", "Nakamura"),
    ),
}
NATIVE_SCRIPT_BY_COUNTRY = {
    "EG": "arabic",
    "JO": "arabic",
    "SA": "arabic",
    "MA": "arabic",
    "QA": "arabic",
    "CN": "chinese",
    "RU": "cyrillic",
    "BY": "cyrillic",
    "KZ": "cyrillic",
    "KG": "cyrillic",
    "JP": "japanese",
}
# Share of a delegation's members written in their own script where the country has a pool.
NATIVE_SCRIPT_SHARE = 0.6
# Letters that Unicode does not decompose into an ASCII letter and an accent.
_ASCII_FALLBACK = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "ß": "ss"})  # noqa: RUF001

HEAD_TITLES = (
    ("H.E.", "Permanent Representative to the United Nations"),
    ("H.E.", "Ambassador to Pakistan"),
    ("Maj. Gen.", "Director General, Peacekeeping Operations, Ministry of Defence"),
    ("Dr.", "Director General, International Security, Ministry of Foreign Affairs"),
)
MEMBER_TITLES = (
    ("Col.", "Military Adviser, Permanent Mission to the United Nations"),
    ("", "Police Adviser, Permanent Mission to the United Nations"),
    ("", "Counsellor, Permanent Mission to the United Nations"),
    ("", "First Secretary, Ministry of Foreign Affairs"),
    ("Lt. Col.", "Staff Officer, Peacekeeping Training Centre"),
    ("Brig. Gen.", "Commandant, Peacekeeping Training Centre"),
    ("Dr.", "Senior Adviser, Ministry of Defence"),
)
SECRETARIAT_TITLES = (
    ("", "Political Affairs Officer"),
    ("", "Senior Planning Officer"),
    ("Col.", "Military Planning Officer"),
    ("", "Special Assistant"),
)
ORGANISATION_TITLES = (
    ("", "Senior Policy Officer"),
    ("Dr.", "Senior Research Fellow"),
    ("", "Programme Officer"),
)
EXPERT_TITLES = (
    ("Dr.", "Independent researcher on peace operations"),
    ("Prof.", "Professor of International Relations"),
    ("Brig. (retd)", "Former contingent commander"),
)
MEDIA_TITLES = (("", "Correspondent"), ("", "Photojournalist"), ("", "Defence reporter"))
ORGANISER_TITLES = (
    ("", "Conference Officer, CIPS-NUST"),
    ("", "Protocol Officer, CIPS-NUST"),
    ("", "Registration Desk, CIPS-NUST"),
)
SECURITY_TITLES = (("", "Security Officer, NUST"),)

DIETARY_NEEDS = ("Halal", "Vegetarian", "Vegan", "Gluten-free", "No pork")
ACCESS_NEEDS = ("Wheelchair access", "Hearing loop", "Reserved seat near an exit")
REJECTION_REASONS = (
    "Nomination not confirmed by the Permanent Mission.",
    "The delegation's quota was already reached.",
    "Application outside the scope of the meeting.",
)
WITHDRAWAL_REASONS = (
    "Unable to travel on the dates of the meeting.",
    "Replaced by another member of the delegation.",
    "Visa not issued in time.",
)


def _latin_pool(country: str) -> tuple[tuple[str, str], ...]:
    regions = (
        ("arab", states.ARAB_STATES),
        ("africa", states.AFRICAN_STATES),
        ("latin_america", states.LATIN_AMERICAN_STATES),
        ("south_asia", states.SOUTH_ASIAN_STATES),
        ("east_asia", states.EAST_ASIAN_STATES),
        ("asia_pacific", states.ASIA_PACIFIC_STATES),
        ("eurasia", states.EURASIAN_STATES),
    )
    for pool, members in regions:
        if country in members:
            return LATIN_POOLS[pool]
    return LATIN_POOLS["other"]


def email_local_part(given_name: str, family_name: str) -> str:
    """`given.family` in ASCII, e.g. `soren.ostergaard` for Søren Østergaard."""
    parts = (slugify(name.translate(_ASCII_FALLBACK)) for name in (given_name, family_name))
    return ".".join(part for part in parts if part)


def person_name(rng: random.Random, *, country: str) -> tuple[str, str, str]:
    """An invented (given name, family name, e-mail local part) plausible for `country`."""
    script = NATIVE_SCRIPT_BY_COUNTRY.get(country)
    if script and rng.random() < NATIVE_SCRIPT_SHARE:
        given_name, family_name, latin_given, latin_family = rng.choice(NATIVE_NAMES[script])
        return given_name, family_name, email_local_part(latin_given, latin_family)
    given_name, family_name = rng.choice(_latin_pool(country))
    return given_name, family_name, email_local_part(given_name, family_name)
