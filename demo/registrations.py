"""The reference meeting's delegations and participants, planned from a seeded random generator.

The source only says that the 156 members of the C-34 took part with UN officials and experts;
every delegation's status, quota, focal point and member below is invented, and the same seed
always gives the same plan.
"""

import random
from dataclasses import dataclass, field

from delegations.member_states import AFRICAN_STATES, C34_MEMBERS, UN_MEMBER_STATES
from delegations.models import Category, DelegationKind, DelegationStatus, Role
from demo import names, programme
from demo.history import APPROVE, STAY_PENDING, Path, reject, withdraw
from registration.models import ApplicantKind

SEED = 2023

HOST_DELEGATION = "CIPS-NUST organising team"
EUROPEAN_STATES = ("AT", "BE", "DE", "ES", "FR", "IE", "IT", "NL", "PL", "SE")
# Delegations that must be accredited: the co-hosts, Ghana (host of the Ministerial in Accra),
# every State one of the programme's people belongs to, and States whose delegates' names are
# written in Arabic, Chinese, Cyrillic or Korean script, or family name first.
NAMES_SHOWN = {"EG", "RU", "CN", "KR", "HU", "VN"}
ACCREDITED_STATES = {"PK", "JP", "GH", *NAMES_SHOWN} | {
    person.delegation for person in programme.PEOPLE.values() if person.delegation in C34_MEMBERS
}
# The invited delegations that demo/invitations.py shows mid-way: Ecuador has submitted its
# list, Brazil has registered nobody yet.
STATUSES = {
    **dict.fromkeys(ACCREDITED_STATES, DelegationStatus.ACCREDITED),
    "EC": DelegationStatus.NOMINATED,
    "BR": DelegationStatus.INVITED,
}

# Someone who applied on their own but has not yet followed the link in the confirmation
# e-mail: an application without a participant. Invented.
UNCONFIRMED_APPLICATION_KIND = ApplicantKind.OBSERVER
UNCONFIRMED_APPLICANT = {
    "honorific": "Dr.",
    "given_name": "Efua",
    "family_name": "Asante",
    "functional_title": "Research Fellow in peace support operations",
    "nationality": "GH",
    "email": "efua.asante@mail.example.org",
    "consents_to_public_listing": True,
}


@dataclass(frozen=True)
class MemberPlan:
    honorific: str
    given_name: str
    family_name: str
    name_order: str
    own_script_name: str
    functional_title: str
    role: str
    category: str
    email: str
    nationality: str
    consents_to_public_listing: bool
    dietary_needs: str
    access_needs: str
    path: Path
    speaker_key: str = ""
    # How the member applied on their own (an ApplicantKind); "" for a delegation's members.
    applied_as: str = ""


@dataclass
class DelegationPlan:
    kind: str
    status: str
    quota: int
    domain: str
    country: str = ""
    organisation_name: str = ""
    focal_points: list[tuple[str, str]] = field(default_factory=list)
    members: list[MemberPlan] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.country or self.organisation_name


class _Planner:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.emails: set[str] = set()

    def email(self, local: str, domain: str) -> str:
        """`local@domain`, numbered when the address is already taken."""
        candidate, number = f"{local}@{domain}", 1
        while candidate in self.emails:
            number += 1
            candidate = f"{local}{number}@{domain}"
        self.emails.add(candidate)
        return candidate

    def needs(self) -> tuple[str, str]:
        dietary = self.rng.choice(names.DIETARY_NEEDS) if self.rng.random() < 0.12 else ""
        access = self.rng.choice(names.ACCESS_NEEDS) if self.rng.random() < 0.03 else ""
        return dietary, access

    def member(
        self,
        delegation: DelegationPlan,
        *,
        nationality: str,
        role: str,
        category: str,
        titles: tuple[tuple[str, str], ...],
        path: Path,
        applied_as: str = "",
    ) -> None:
        taken = {(member.given_name, member.family_name) for member in delegation.members}
        name = names.person_name(self.rng, country=nationality)
        # Namesakes happen, but two in one small delegation would look like a mistake.
        for _ in range(5):
            if (name.given_name, name.family_name) not in taken:
                break
            name = names.person_name(self.rng, country=nationality)
        honorific, title = self.rng.choice(titles)
        dietary, access = self.needs()
        delegation.members.append(
            MemberPlan(
                honorific=honorific,
                given_name=name.given_name,
                family_name=name.family_name,
                name_order=name.name_order,
                own_script_name=name.own_script_name,
                functional_title=title,
                role=role,
                category=category,
                email=self.email(name.email_local_part, delegation.domain),
                nationality=nationality,
                consents_to_public_listing=self.rng.random() < 0.75,
                dietary_needs=dietary,
                access_needs=access,
                path=path,
                applied_as=applied_as,
            )
        )

    def programme_people(self, delegation: DelegationPlan, *, category: str, nationality: str):
        for key, person in programme.PEOPLE.items():
            if person.delegation != delegation.key:
                continue
            delegation.members.append(
                MemberPlan(
                    honorific=person.honorific,
                    given_name=person.given_name,
                    family_name=person.family_name,
                    name_order=person.name_order,
                    own_script_name=person.own_script_name,
                    functional_title=person.title,
                    role=person.role,
                    category=category,
                    email=self.email(
                        names.email_local_part(person.given_name, person.family_name),
                        delegation.domain,
                    ),
                    nationality=nationality,
                    consents_to_public_listing=True,
                    dietary_needs="",
                    access_needs="",
                    path=APPROVE,
                    speaker_key=key,
                )
            )

    def focal_points(self, delegation: DelegationPlan, *, country: str) -> None:
        count = 2 if self.rng.random() < 0.2 else 1
        for _ in range(count):
            name = names.person_name(self.rng, country=country)
            delegation.focal_points.append(
                (name.full_name, self.email(name.email_local_part, delegation.domain))
            )

    def rejected(self) -> Path:
        return reject(self.rng.choice(names.REJECTION_REASONS))

    def withdrawn(self) -> Path:
        return withdraw(self.rng.choice(names.WITHDRAWAL_REASONS))

    def state(self, country: str, kind: str, status: str | None = None) -> DelegationPlan:
        if status is None:
            status = self.rng.choices(
                (
                    DelegationStatus.ACCREDITED,
                    DelegationStatus.NOMINATED,
                    DelegationStatus.INVITED,
                    DelegationStatus.DECLINED,
                ),
                weights=(74, 12, 9, 5),
            )[0]
        quota = {"PK": 10, "JP": 8}.get(country, self.rng.choice((3, 4, 5, 6)))
        delegation = DelegationPlan(
            kind=kind,
            status=status,
            quota=quota,
            domain=f"mission-{country.lower()}.example.org",
            country=country,
        )
        self.focal_points(delegation, country=country)
        if status == DelegationStatus.ACCREDITED:
            self.accredited_state_members(delegation)
        elif status == DelegationStatus.NOMINATED:
            for index in range(self.rng.randint(1, 3)):
                self.state_member(delegation, index=index, path=STAY_PENDING)
        return delegation

    def state_member(self, delegation: DelegationPlan, *, index: int, path: Path) -> None:
        head = index == 0
        role = Role.HEAD if head else Role.DEPUTY if index == 1 else self.rng.choice(
            (Role.REPRESENTATIVE, Role.ALTERNATE, Role.ADVISER, Role.EXPERT)
        )  # fmt: skip
        self.member(
            delegation,
            nationality=delegation.country,
            role=role,
            category=Category.DELEGATE,
            titles=names.HEAD_TITLES if head else names.MEMBER_TITLES,
            path=path,
        )

    def accredited_state_members(self, delegation: DelegationPlan) -> None:
        active = {"PK": 8, "JP": 6}.get(delegation.country) or self.rng.randint(
            1, min(4, delegation.quota)
        )
        self.programme_people(
            delegation, category=Category.DELEGATE, nationality=delegation.country
        )
        for index in range(active - len(delegation.members)):
            # The Head of Delegation is always approved; a few others still wait.
            path = APPROVE if index == 0 or self.rng.random() < 0.88 else STAY_PENDING
            self.state_member(delegation, index=index, path=path)
        if self.rng.random() < 0.15:
            self.state_member(delegation, index=9, path=self.rejected())
        if self.rng.random() < 0.12:
            self.state_member(delegation, index=9, path=self.withdrawn())

    def organisation(
        self,
        name: str,
        *,
        kind: str,
        quota: int,
        domain: str,
        category: str,
        titles: tuple[tuple[str, str], ...],
        nationalities: tuple[str, ...],
        staff: tuple[tuple[str, Path], ...],
        applied_as: str = "",
    ) -> DelegationPlan:
        """An accredited organisation: its programme people, then `staff` as (role, path)."""
        delegation = DelegationPlan(
            kind=kind,
            status=DelegationStatus.ACCREDITED,
            quota=quota,
            domain=domain,
            organisation_name=name,
        )
        self.focal_points(delegation, country=self.rng.choice(nationalities))
        self.programme_people(delegation, category=category, nationality="")
        for role, path in staff:
            self.member(
                delegation,
                nationality=self.rng.choice(nationalities),
                role=role,
                category=category,
                titles=titles,
                path=path,
                applied_as=applied_as,
            )
        return delegation


def registration_plan(*, seed: int = SEED) -> list[DelegationPlan]:
    """Every delegation of the reference meeting with its focal points and members."""
    planner = _Planner(seed)
    plan = [
        planner.state(code, DelegationKind.MEMBER_STATE, STATUSES.get(code)) for code in C34_MEMBERS
    ]
    plan.append(planner.state("VA", DelegationKind.OBSERVER_STATE, DelegationStatus.ACCREDITED))
    plan.append(planner.state("PS", DelegationKind.OBSERVER_STATE, DelegationStatus.INVITED))
    secretariat = {
        "kind": DelegationKind.UN_SECRETARIAT,
        "domain": "un.example.org",
        "category": Category.UN_SECRETARIAT,
        "titles": names.SECRETARIAT_TITLES,
        "nationalities": UN_MEMBER_STATES,
    }
    staff = ((Role.ADVISER, APPROVE), (Role.SUPPORT, APPROVE))
    plan.append(planner.organisation(programme.DPO, quota=8, staff=staff, **secretariat))
    plan.append(
        planner.organisation(
            programme.DOS, quota=6, staff=((Role.HEAD, APPROVE), *staff), **secretariat
        )
    )
    plan.append(planner.organisation(programme.UNMAS, quota=3, staff=(), **secretariat))
    igo = {
        "kind": DelegationKind.IGO,
        "category": Category.DELEGATE,
        "titles": names.ORGANISATION_TITLES,
    }
    plan.append(
        planner.organisation(
            programme.AFRICAN_UNION,
            quota=4,
            domain="au.example.org",
            nationalities=tuple(sorted(AFRICAN_STATES)),
            staff=((Role.HEAD, APPROVE), (Role.ADVISER, STAY_PENDING)),
            **igo,
        )
    )
    plan.append(
        planner.organisation(
            programme.EUROPEAN_UNION,
            quota=3,
            domain="eeas.example.org",
            nationalities=EUROPEAN_STATES,
            staff=((Role.HEAD, APPROVE), (Role.ADVISER, APPROVE)),
            **igo,
        )
    )
    plan.append(
        planner.organisation(
            programme.ACADEMIA,
            kind=DelegationKind.NGO,
            quota=6,
            domain="academia.example.org",
            category=Category.EXPERT,
            titles=names.ORGANISATION_TITLES,
            nationalities=UN_MEMBER_STATES,
            staff=((Role.REPRESENTATIVE, STAY_PENDING), (Role.OBSERVER, planner.rejected())),
        )
    )
    plan.append(_experts(planner))
    plan.append(_host(planner))
    return plan


def _experts(planner: _Planner) -> DelegationPlan:
    """Individual applicants: experts, and the media, who also apply on their own."""
    experts = planner.organisation(
        programme.EXPERTS,
        kind=DelegationKind.EXPERTS,
        quota=25,
        domain="mail.example.org",
        category=Category.EXPERT,
        titles=names.EXPERT_TITLES,
        nationalities=UN_MEMBER_STATES,
        staff=(
            (Role.EXPERT, APPROVE),
            (Role.EXPERT, APPROVE),
            (Role.EXPERT, STAY_PENDING),
            (Role.EXPERT, planner.rejected()),
            (Role.EXPERT, planner.withdrawn()),
        ),
        applied_as=ApplicantKind.EXPERT,
    )
    for path in (APPROVE, APPROVE, APPROVE, STAY_PENDING, planner.rejected()):
        planner.member(
            experts,
            nationality="PK",
            role=Role.OBSERVER,
            category=Category.MEDIA,
            titles=names.MEDIA_TITLES,
            path=path,
            applied_as=ApplicantKind.MEDIA,
        )
    return experts


def _host(planner: _Planner) -> DelegationPlan:
    """The organisers' own team: conference officers and security."""
    host = planner.organisation(
        HOST_DELEGATION,
        kind=DelegationKind.HOST,
        quota=12,
        domain="cips.example.org",
        category=Category.ORGANISER,
        titles=names.ORGANISER_TITLES,
        nationalities=("PK",),
        staff=((Role.SUPPORT, APPROVE),) * 6,
    )
    for _ in range(4):
        planner.member(
            host,
            nationality="PK",
            role=Role.SUPPORT,
            category=Category.SECURITY,
            titles=names.SECURITY_TITLES,
            path=APPROVE,
        )
    return host
