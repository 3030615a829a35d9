from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from conference.plain_text import ControlCharactersRefused
from delegations.models import Category, Participant

# Band colours on badges when a conference has not chosen its own.
DEFAULT_CATEGORY_COLOURS: dict[str, str] = {
    Category.DELEGATE: "#0B5CAD",
    Category.UN_SECRETARIAT: "#5B92E5",
    Category.EXPERT: "#2E7D32",
    Category.MEDIA: "#F9A825",
    Category.ORGANISER: "#6A1B9A",
    Category.SECURITY: "#C62828",
}


class CategoryColourQuerySet(models.QuerySet):
    def as_mapping(self, conference: Conference) -> dict[str, str]:
        """Every category's band colour for `conference`: its own choice, else the default."""
        chosen = dict(self.filter(conference=conference).values_list("category", "colour"))
        return {**DEFAULT_CATEGORY_COLOURS, **chosen}


class CategoryColour(ControlCharactersRefused, models.Model):
    """The colour of the band on the badges of one participant category at one conference."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="category_colours",
        verbose_name=_("conference"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    colour = models.CharField(_("colour"), max_length=7, help_text=_("e.g. #0B5CAD"))

    objects = CategoryColourQuerySet.as_manager()

    class Meta:
        verbose_name = _("category colour")
        verbose_name_plural = _("category colours")
        ordering = ["conference", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "category"],
                name="category_colour_one_per_category_per_conference",
                violation_error_message=_("This category already has a colour here."),
            ),
            models.CheckConstraint(
                condition=models.Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="category_colour_is_hex",
                violation_error_message=_("Give the colour as # and six hexadecimal digits."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.colour}"


class CheckIn(models.Model):
    """A participant's arrival at the venue; at most one per participant, whatever the door."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="check_in",
        verbose_name=_("participant"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at"]
        permissions = [
            ("check_in_participants", _("Can check participants in at the door")),
            (
                "check_in_by_number",
                _("Can find a participant at the door by the badge number alone"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.checked_in_at:%Y-%m-%d %H:%M}"
