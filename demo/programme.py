"""The reference meeting's venue, sub-themes, speakers and agenda, as plain data.

From the source: the sessions' kinds and subjects, the three keynote speakers, the UN officials
who attended. Invented: every time, room and capacity, the panels' moderators and panellists,
the presenters, who chairs and who speaks at the opening and closing, the floor languages and
interpretation. The French texts, and the Arabic titles of the keynote addresses, are
translations made for the demo (the source is in English).
"""

from dataclasses import dataclass

from delegations.models import DelegationKind, Role
from delegations.names import NameOrder
from sessions.models import SessionKind, SessionRoleKind

VENUE_NAME = "Centre for International Peace and Stability (CIPS), NUST"
VENUE_ADDRESS = "National University of Sciences and Technology, H-12 Campus, Islamabad"
VENUE_CITY = "Islamabad"
VENUE_COUNTRY = "PK"

MAIN_AUDITORIUM = "Main Auditorium"
SEMINAR_HALL_1 = "Seminar Hall 1"
SEMINAR_HALL_2 = "Seminar Hall 2"
MEDIA_ROOM = "Media Room"
FOYER = "Foyer"
# (name, French name, capacity); in display order. Invented.
ROOMS = (
    (MAIN_AUDITORIUM, "Grand auditorium", 450),
    (SEMINAR_HALL_1, "Salle de séminaire 1", 120),
    (SEMINAR_HALL_2, "Salle de séminaire 2", 80),
    (MEDIA_ROOM, "Salle des médias", 30),
    (FOYER, "Foyer", 300),
)

# The meeting's languages, English, the language of its texts, first: a UN meeting offers its
# pages, e-mails and documents in the six official languages. Its texts are translated into
# French (and some into Arabic); sessions are interpreted into French and Arabic unless said
# otherwise.
LANGUAGES = ["en", "ar", "zh-hans", "fr", "ru", "es"]

CAPACITY_BUILDING = "capacity-building"
SAFETY_AND_SECURITY = "safety-and-security"
MEDICAL = "medical-capabilities"
TECHNOLOGY = "technology-and-strategic-communication"
# (slug, name, French name, colour); the four sub-themes of the source, in its order. Colours
# invented.
TRACKS = (
    (
        CAPACITY_BUILDING,
        "Capacity-building needs",
        "Besoins en matière de renforcement des capacités",
        "#1f6feb",
    ),
    (
        SAFETY_AND_SECURITY,
        "Safety and security of UN peacekeepers within the bounds of international law",
        "Sûreté et sécurité des Casques bleus dans le respect du droit international",
        "#b42318",
    ),
    (
        MEDICAL,
        "Medical capabilities of UN peacekeeping missions",
        "Capacités médicales des missions de maintien de la paix des Nations Unies",
        "#067647",
    ),
    (
        TECHNOLOGY,
        "Technology and strategic communication",
        "Technologie et communication stratégique",
        "#6941c6",
    ),
)

# Acronyms and synonyms the search knows for this meeting (SearchSynonym).
SEARCH_SYNONYMS = (
    ("IED", "improvised explosive device", "EEI", "engin explosif improvisé"),
    (
        "C-34",
        "Special Committee on Peacekeeping Operations",
        "Comité spécial des opérations de maintien de la paix",
    ),
    ("CASEVAC", "casualty evacuation", "évacuation des blessés"),
)

# Delegations that programme people belong to (organisation names; States by ISO code).
DPO = "Department of Peace Operations"
DOS = "Department of Operational Support"
UNMAS = "United Nations Mine Action Service"
AFRICAN_UNION = "African Union"
EUROPEAN_UNION = "European Union"
ACADEMIA = "Academia and Civil Society"
EXPERTS = "Experts"

FAMILY_FIRST = NameOrder.FAMILY_FIRST

NAMED_IN_SOURCE = "Named in the source."
OFFICE_ONLY = "The source names the office, not its holder; who appears where is invented."
OFFICE_HOLDER = "The source names the office; the name is that of its holder in August 2023."
INVENTED = "Fictitious person invented for the demo data."


@dataclass(frozen=True)
class Person:
    """Someone on the programme; with a `delegation`, also registered as its participant."""

    family_name: str
    given_name: str = ""
    honorific: str = ""
    title: str = ""
    organisation: str = ""
    bio: str = INVENTED
    delegation: str = ""
    role: str = Role.EXPERT
    name_order: str = NameOrder.GIVEN_FIRST
    own_script_name: str = ""


PEOPLE = {
    # From the source.
    "coas": Person(
        "Munir", "Syed Asim", "Gen.", "Chief of Army Staff", "Pakistan Army", NAMED_IN_SOURCE
    ),
    # The source gives these by office only; so does the demo.
    "foreign-minister": Person(
        "Minister for Foreign Affairs of Pakistan", organisation="Government of Pakistan",
        bio=OFFICE_ONLY,
    ),
    "defence-minister": Person(
        "Minister of Defence of Pakistan", organisation="Government of Pakistan", bio=OFFICE_ONLY
    ),
    "usg-dos": Person(
        "Under-Secretary-General for Operational Support", organisation="United Nations",
        bio=OFFICE_ONLY,
    ),
    "police-adviser": Person(
        "United Nations Police Adviser", organisation="United Nations", bio=OFFICE_ONLY
    ),
    "usg-dpo": Person(
        "Lacroix", "Jean-Pierre", "", "Under-Secretary-General for Peace Operations",
        "United Nations", OFFICE_HOLDER, delegation=DPO, role=Role.HEAD,
    ),
    # Real offices whose part in the programme is invented.
    "rector": Person(
        "Rector, National University of Sciences and Technology", organisation="NUST",
        bio=OFFICE_ONLY,
    ),
    "ambassador-japan": Person(
        "Ambassador of Japan to Pakistan", organisation="Government of Japan", bio=OFFICE_ONLY
    ),
    # Invented people.
    "rehman": Person(
        "Rehman", "Sadia", "Dr.", "Associate Professor", "CIPS-NUST", delegation=EXPERTS
    ),
    "asante": Person(
        "Asante", "Kofi", "Brig. Gen.", "Head of Training",
        "Kofi Annan International Peacekeeping Training Centre", delegation="GH",
        role=Role.ADVISER,
    ),
    "solberg": Person(
        "Solberg", "Ingrid", "", "Training Officer, Integrated Training Service", DPO,
        delegation=DPO, role=Role.REPRESENTATIVE,
    ),
    "nakamura": Person(
        "Nakamura", "Tomohiro", "Col.", "Instructor",
        "Japan Peacekeeping Training and Research Center", delegation="JP", role=Role.ADVISER,
        name_order=FAMILY_FIRST, own_script_name="中村智宏",
    ),
    "okonkwo": Person(
        "Okonkwo", "Amara", "Dr.", "Research Fellow, peacekeeping training", ACADEMIA,
        delegation=ACADEMIA, role=Role.REPRESENTATIVE,
    ),
    "marchand": Person(
        "Marchand", "Élodie", "Prof.", "Professor of International Humanitarian Law",
        delegation=EXPERTS,
    ),
    "al-rashid": Person(
        "Al-Rashid", "Mahmoud", "Maj. Gen. (retd)",
        "Former Force Commander, UN peacekeeping mission", delegation=EXPERTS,
    ),
    "achieng": Person(
        "Achieng", "Grace", "", "Senior Policy Officer, Peace Support Operations Division",
        "African Union Commission", delegation=AFRICAN_UNION, role=Role.REPRESENTATIVE,
    ),
    "hashmi": Person(
        "Hashmi", "Bilal", "Brig.", "Directorate of Peacekeeping, General Headquarters",
        "Pakistan Army", delegation="PK", role=Role.ADVISER,
    ),
    "akhtar": Person(
        "Akhtar", "Naveed", "Dr.", "Professor of Trauma Surgery", delegation=EXPERTS
    ),
    "eriksen": Person(
        "Eriksen", "Lars", "Dr.",
        "Medical Officer, Division of Healthcare Management and Occupational Safety and Health",
        DOS, delegation=DOS, role=Role.REPRESENTATIVE,
    ),
    "benali": Person(
        "Benali", "Fatima Zahra", "Col. Dr.", "Commander, level II field hospital",
        "Royal Armed Forces of Morocco", delegation="MA", role=Role.ADVISER,
        own_script_name="فاطمة الزهراء بنعلي",
    ),
    "chen": Person(
        "Chen", "Jing", "Lt. Col.", "Medical Officer, peacekeeping medical unit",
        "People's Liberation Army", delegation="CN", role=Role.ADVISER,
        name_order=FAMILY_FIRST, own_script_name="陈静",
    ),
    "siddiqui": Person(
        "Siddiqui", "Mariam", "", "Journalist and strategic communication specialist",
        delegation=EXPERTS,
    ),
    "watanabe": Person(
        "Watanabe", "Kenji", "", "Deputy Director, International Peace Cooperation",
        "Ministry of Foreign Affairs of Japan", delegation="JP", role=Role.ADVISER,
        name_order=FAMILY_FIRST, own_script_name="渡辺健二",
    ),
    "lindgren": Person(
        "Lindgren", "Sofia", "", "Strategic Communications Officer", DPO, delegation=DPO,
        role=Role.REPRESENTATIVE,
    ),
    "moreira": Person(
        "Moreira", "Rafael", "Dr.", "Researcher, technology in peace operations", ACADEMIA,
        delegation=ACADEMIA, role=Role.REPRESENTATIVE,
    ),
    "grant": Person(
        "Grant", "Alastair", "", "Senior Programme Officer, explosive ordnance threat mitigation",
        UNMAS, delegation=UNMAS, role=Role.REPRESENTATIVE,
    ),
    "dahl": Person(
        "Dahl", "Henrik", "Col.",
        "Staff Officer, Strategic Force Generation and Capability Planning Cell", DPO,
        delegation=DPO, role=Role.REPRESENTATIVE,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Item:
    """One agenda item; `day` counts from 0, times are local (Asia/Karachi). Texts in English,
    `fr` and `ar` their French and Arabic (title, description)."""

    day: int
    starts: str
    ends: str
    kind: str
    title: str
    description: str = ""
    room: str | None = MAIN_AUDITORIUM
    track: str | None = None
    roles: tuple[tuple[str, str], ...] = ()
    fr: tuple[str, str] = ("", "")
    ar: tuple[str, str] = ("", "")
    language: str = "en"
    interpretation: tuple[str, ...] = ("fr", "ar")
    # A closed segment: who may attend (Session.restricted_to_roles, …_delegation_kinds).
    restricted_to_roles: tuple[str, ...] = ()
    restricted_to_delegation_kinds: tuple[str, ...] = ()


# Invented: the reference meeting's plenary segment, where the list of speakers (demo/floor.py)
# is called.
PLENARY_TITLE = "Plenary: statements by delegations"

CHAIR = SessionRoleKind.CHAIR
MODERATOR = SessionRoleKind.MODERATOR
KEYNOTE = SessionRoleKind.KEYNOTE_SPEAKER
PANELLIST = SessionRoleKind.PANELLIST
PRESENTER = SessionRoleKind.PRESENTER
RAPPORTEUR = SessionRoleKind.RAPPORTEUR


def _panel(moderator: str, *panellists: str) -> tuple[tuple[str, str], ...]:
    return ((moderator, MODERATOR), *((panellist, PANELLIST) for panellist in panellists))


AGENDA = (
    Item(0, "09:00", "09:45", SessionKind.OPENING, "Opening session",
         "Welcome by the co-hosts, Pakistan and Japan, and opening remarks.",
         roles=(("rector", CHAIR), ("ambassador-japan", PRESENTER), ("usg-dpo", PRESENTER)),
         fr=("Séance d'ouverture",
             "Accueil par les coorganisateurs, le Pakistan et le Japon, et allocutions "
             "d'ouverture.")),
    Item(0, "09:45", "10:15", SessionKind.KEYNOTE, "Keynote address by the Chief of Army Staff",
         "Pakistan's commitment to UN peacekeeping and the safety and security of peacekeepers.",
         roles=(("coas", KEYNOTE),),
         fr=("Discours liminaire du chef d'état-major de l'armée de terre",
             "L'engagement du Pakistan en faveur du maintien de la paix des Nations Unies et de "
             "la sûreté et de la sécurité des Casques bleus."),
         ar=("الكلمة الرئيسية لرئيس أركان الجيش", "")),
    Item(0, "10:15", "10:45", SessionKind.KEYNOTE,
         "Keynote address by the Minister for Foreign Affairs of Pakistan",
         roles=(("foreign-minister", KEYNOTE),),
         fr=("Discours liminaire du ministre des Affaires étrangères du Pakistan", ""),
         ar=("الكلمة الرئيسية لوزير خارجية باكستان", "")),
    Item(0, "10:45", "11:15", SessionKind.BREAK, "Coffee break", room=FOYER,
         fr=("Pause café", ""), interpretation=()),
    Item(0, "11:15", "12:45", SessionKind.PANEL,
         "Panel discussion I: Addressing capacity-building needs",
         "Training, equipment and partnerships that prepare contingents for today's missions.",
         track=CAPACITY_BUILDING,
         roles=_panel("rehman", "asante", "solberg", "nakamura", "okonkwo"),
         fr=("Table ronde I : Répondre aux besoins en matière de renforcement des capacités",
             "Formation, équipement et partenariats qui préparent les contingents aux missions "
             "d'aujourd'hui.")),
    Item(0, "12:45", "14:00", SessionKind.BREAK, "Lunch", room=FOYER,
         fr=("Déjeuner", ""), interpretation=()),
    Item(0, "14:00", "15:30", SessionKind.PANEL,
         "Panel discussion II: Safety and security of UN peacekeepers within the bounds of "
         "international law",
         "Protecting peacekeepers under the mandate, the Charter and international "
         "humanitarian law; accountability for crimes against peacekeepers.",
         track=SAFETY_AND_SECURITY,
         roles=_panel("marchand", "police-adviser", "al-rashid", "achieng", "hashmi"),
         fr=("Table ronde II : La sûreté et la sécurité des Casques bleus dans le respect du "
             "droit international",
             "Protéger les Casques bleus dans le cadre du mandat, de la Charte et du droit "
             "international humanitaire ; établir les responsabilités pour les crimes commis "
             "contre eux."),
         # Moderated in French by Prof. Marchand.
         language="fr", interpretation=("en", "ar")),
    Item(0, "15:30", "16:00", SessionKind.BREAK, "Coffee break", room=FOYER,
         fr=("Pause café", ""), interpretation=()),
    Item(0, "16:00", "17:00", SessionKind.EXPERT_PRESENTATION,
         "Expert presentation: The threat of Improvised Explosive Devices",
         "How IEDs endanger peacekeepers, and how missions detect, avoid and mitigate them.",
         track=SAFETY_AND_SECURITY, roles=(("grant", PRESENTER),),
         fr=("Exposé d'expert : La menace des engins explosifs improvisés",
             "Comment les engins explosifs improvisés menacent les Casques bleus, et comment "
             "les missions les détectent, les évitent et en atténuent les effets."),
         interpretation=("fr",)),
    Item(0, "17:00", "19:00", SessionKind.PLENARY, PLENARY_TITLE,
         "Delegations deliver statements in the order of the list of speakers.",
         fr=("Séance plénière : déclarations des délégations",
             "Les délégations font leurs déclarations dans l'ordre de la liste des orateurs."),
         ar=("جلسة عامة: بيانات الوفود", "")),
    Item(1, "09:00", "09:30", SessionKind.KEYNOTE,
         "Keynote address by the Minister of Defence of Pakistan",
         roles=(("defence-minister", KEYNOTE),),
         fr=("Discours liminaire du ministre de la Défense du Pakistan", ""),
         ar=("الكلمة الرئيسية لوزير دفاع باكستان", "")),
    Item(1, "09:30", "11:00", SessionKind.PANEL,
         "Panel discussion III: Enhancing the medical capabilities of UN peacekeeping missions",
         "Casualty evacuation, field hospitals and the first hours after an injury.",
         track=MEDICAL,
         roles=_panel("akhtar", "usg-dos", "eriksen", "benali", "chen"),
         fr=("Table ronde III : Renforcer les capacités médicales des missions de maintien de "
             "la paix des Nations Unies",
             "Évacuation des blessés, hôpitaux de campagne et premières heures après une "
             "blessure.")),
    Item(1, "11:00", "11:30", SessionKind.BREAK, "Coffee break", room=FOYER,
         fr=("Pause café", ""), interpretation=()),
    Item(1, "11:30", "13:00", SessionKind.PANEL,
         "Panel discussion IV: Harnessing technology and strategic communication",
         "Situational awareness, digital tools and countering disinformation against missions.",
         track=TECHNOLOGY,
         roles=_panel("siddiqui", "watanabe", "lindgren", "moreira"),
         fr=("Table ronde IV : Tirer parti de la technologie et de la communication "
             "stratégique",
             "Connaissance de la situation, outils numériques et lutte contre la "
             "désinformation visant les missions.")),
    Item(1, "13:00", "14:00", SessionKind.BREAK, "Lunch", room=FOYER,
         fr=("Déjeuner", ""), interpretation=()),
    Item(1, "14:00", "15:00", SessionKind.BRIEFING, "Briefing on the system of pledging",
         "How Member States pledge units and capabilities ahead of the Ministerial in Accra.",
         track=CAPACITY_BUILDING, roles=(("dahl", PRESENTER),),
         fr=("Exposé sur le système d'annonces de contributions",
             "Comment les États Membres annoncent des unités et des capacités en vue de la "
             "réunion ministérielle d'Accra."),
         interpretation=("fr",)),
    Item(1, "15:00", "16:00", SessionKind.CLOSING, "Closing session",
         "Summary of the discussions for the UN Peacekeeping Ministerial, Accra, December 2023.",
         roles=(("rector", CHAIR), ("rehman", RAPPORTEUR), ("ambassador-japan", PRESENTER)),
         fr=("Séance de clôture",
             "Synthèse des débats pour la réunion ministérielle sur le maintien de la paix des "
             "Nations Unies, Accra, décembre 2023.")),
    # Invented: the source lists no closed segment.
    Item(1, "16:15", "17:00", SessionKind.CLOSING,
         "Closed segment: consultations of Heads of Delegation on the Accra pledges",
         "Heads of Delegation of Member States, each with one adviser, agree the messages "
         "for the Ministerial.",
         restricted_to_roles=(Role.HEAD, Role.DEPUTY),
         restricted_to_delegation_kinds=(DelegationKind.MEMBER_STATE,),
         fr=("Séance à huis clos : consultations des chefs de délégation sur les annonces "
             "d'Accra",
             "Les chefs de délégation des États Membres, accompagnés chacun d'un conseiller, "
             "arrêtent les messages pour la réunion ministérielle.")),
)  # fmt: skip
