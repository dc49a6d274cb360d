from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficerRole(models.TextChoices):
    JUDGE = "judge", _("Judge")
    ASSISTANT = "assistant", _("Judge assistant")
    CLERK = "clerk", _("Clerk")
    JUDICIAL_POLICE = "judicial_police", _("Judicial police")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    CENTER_STAFF = "center_staff", _("Affairs-centre staff")
    SUPERVISOR = "supervisor", _("Supervision officer")
    LEADERSHIP = "leadership", _("Court leadership")

    @classmethod
    def leadership_roles(cls) -> frozenset[str]:
        return frozenset({cls.DIRECTOR, cls.DEPUTY_DIRECTOR, cls.LEADERSHIP})

    @classmethod
    def citywide_roles(cls) -> frozenset[str]:
        """Roles at the intermediate court that work on every court's rows.

        The affairs centre and supervision serve the whole city (DOMAIN.md §5, §8).
        """
        return frozenset({cls.CENTER_STAFF, cls.SUPERVISOR})


class TeamRole(models.TextChoices):
    """A case team is judge-led: judge + judge assistant + clerk (DOMAIN.md §5)."""

    JUDGE = "judge", _("Judge")
    ASSISTANT = "assistant", _("Judge assistant")
    CLERK = "clerk", _("Clerk")
