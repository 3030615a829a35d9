"""Invented names, titles and reasons for the demo's participants and focal points.

Every person made from these pools is fictitious. Names come in Latin letters, with accents;
some also in their owners' own scripts (Arabic, Chinese, Cyrillic, Japanese, Korean), and
Chinese, Japanese, Korean, Hungarian and Vietnamese ones family name first, so that badges,
lists and exports meet names as their owners write them.
"""

import random
from dataclasses import dataclass

from django.utils.text import slugify

from delegations import member_states as states
from delegations.names import NameOrder, name_in_latin_letters

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
    # Mongolia's: China, Japan and the two Koreas have names in their own scripts below.
    "east_asia": (
        ("Bayar", "Batbayar"),
        ("Oyunchimeg", "Dorj"),
        ("Ganbold", "Tsend"),
        ("Sarangerel", "Bold"),
        ("Enkhjargal", "Gansukh"),
    ),
    "asia_pacific": (
        ("Siti", "Rahmawati"),
        ("Dewi", "Lestari"),
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

# Names in their own script, as their owners write them, with the Latin spelling of their
# passports: (name as written, Latin given name, Latin family name).
NATIVE_NAMES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "arabic": (
        ("محمد الحسيني", "Mohamed", "Elhusseini"),
        ("فاطمة منصور", "Fatima", "Mansour"),
        ("أحمد العلي", "Ahmed", "Alali"),
        ("ليلى حداد", "Layla", "Haddad"),
        ("خالد السيد", "Khaled", "Elsayed"),
        ("عمر الشامي", "Omar", "Elshami"),
    ),
    "chinese": (
        ("王伟", "Wei", "Wang"),
        ("李芳", "Fang", "Li"),
        ("张明华", "Minghua", "Zhang"),
        ("刘晓峰", "Xiaofeng", "Liu"),
        ("陈丽娟", "Lijuan", "Chen"),
    ),
    "cyrillic": (
        ("Александр Смирнов", "Aleksandr", "Smirnov"),
        ("Ольга Кузнецова", "Olga", "Kuznetsova"),
        ("Дмитрий Попов", "Dmitry", "Popov"),
        ("Наталья Волкова", "Natalya", "Volkova"),
        ("Сергей Лебедев", "Sergey", "Lebedev"),
    ),
    "japanese": (
        ("佐藤健", "Ken", "Sato"),
        ("田中由美子", "Yumiko", "Tanaka"),
        ("鈴木翔太", "Shota", "Suzuki"),
        ("高橋美咲", "Misaki", "Takahashi"),
        ("渡辺大輔", "Daisuke", "Watanabe"),
        ("中村さくら", "Sakura", "Nakamura"),
    ),
    "korean": (
        ("김민준", "Min-jun", "Kim"),
        ("박지우", "Ji-woo", "Park"),
        ("이서연", "Seo-yeon", "Lee"),
        ("최현우", "Hyun-woo", "Choi"),
        ("정하은", "Ha-eun", "Jung"),
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
    "KR": "korean",
    "KP": "korean",
}
# Scripts whose names are written family name first.
FAMILY_FIRST_SCRIPTS = frozenset({"chinese", "japanese", "korean"})
# Share of those names registered in their own script as well as in Latin letters.
NATIVE_SCRIPT_SHARE = 0.6
# Names in Latin letters that their owners write family name first: (given name, family name).
FAMILY_FIRST_LATIN_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "HU": (
        ("Péter", "Nagy"),
        ("Katalin", "Kovács"),
        ("Zoltán", "Tóth"),
        ("Eszter", "Szabó"),
        ("Gábor", "Horváth"),
    ),
    "VN": (
        ("Văn Minh", "Nguyễn"),
        ("Thị Lan", "Trần"),
        ("Đức Anh", "Lê"),
        ("Thu Hà", "Phạm"),
        ("Quang Huy", "Hoàng"),
    ),
}
# Letters that Unicode does not decompose into an ASCII letter and an accent.
_ASCII_FALLBACK = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "ß": "ss", "đ": "d", "Đ": "D"}  # noqa: RUF001
)

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


@dataclass(frozen=True)
class InventedName:
    """A name as its owner registers it: in Latin letters, in their order, in their script."""

    given_name: str
    family_name: str
    name_order: str = NameOrder.GIVEN_FIRST
    own_script_name: str = ""

    @property
    def full_name(self) -> str:
        return name_in_latin_letters(
            given_name=self.given_name, family_name=self.family_name, name_order=self.name_order
        )

    @property
    def email_local_part(self) -> str:
        return email_local_part(self.given_name, self.family_name)


def person_name(rng: random.Random, *, country: str) -> InventedName:
    """An invented name plausible for `country`."""
    script = NATIVE_SCRIPT_BY_COUNTRY.get(country)
    if script:
        in_own_script = rng.random() < NATIVE_SCRIPT_SHARE
        written, given_name, family_name = rng.choice(NATIVE_NAMES[script])
        return InventedName(
            given_name,
            family_name,
            NameOrder.FAMILY_FIRST if script in FAMILY_FIRST_SCRIPTS else NameOrder.GIVEN_FIRST,
            written if in_own_script else "",
        )
    if country in FAMILY_FIRST_LATIN_NAMES:
        given_name, family_name = rng.choice(FAMILY_FIRST_LATIN_NAMES[country])
        return InventedName(given_name, family_name, NameOrder.FAMILY_FIRST)
    return InventedName(*rng.choice(_latin_pool(country)))
