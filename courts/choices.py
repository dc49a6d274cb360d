from django.db import models
from django.utils.translation import gettext_lazy as _


class CourtTier(models.TextChoices):
    INTERMEDIATE = "intermediate", _("Intermediate court")
    DISTRICT = "district", _("District court")


class BureauKind(models.TextChoices):
    ENFORCEMENT = "enforcement", _("Enforcement bureau")
    CRIMINAL_ENFORCEMENT = "criminal_enforcement", _("Criminal enforcement bureau")


class OfficerRole(models.TextChoices):
    """An officer's role: what the restriction point (courts.access) and the role
    predicates (courts.policy) read; the groups of permissions follow it
    (personnel.roles)."""

    JUDGE = "judge", _("Judge")
    ASSISTANT = "assistant", _("Judge assistant")
    CLERK = "clerk", _("Clerk")
    JUDICIAL_POLICE = "judicial_police", _("Judicial police")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    CENTER_STAFF = "center_staff", _("Affairs-centre staff")
    SUPERVISOR = "supervisor", _("Supervision officer")
    LEADERSHIP = "leadership", _("Court leadership")
    # A court's system administrator: keeps its accounts and teams in the admin,
    # within the court (DESIGN.md "Access"); decides nothing in cases.
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    # The court president (院长) approves extensions of the closing term and 终本
    # collegial reviews; the vice-president (副院长) to whom the president delegated
    # it acts for him (DOMAIN.md §2 "Who approves"). Neither handles cases.
    PRESIDENT = "president", _("Court president (院长)")
    VICE_PRESIDENT = "vice_president", _("Vice-president, delegated by the president (副院长)")

    @classmethod
    def president_roles(cls) -> frozenset[str]:
        return frozenset({cls.PRESIDENT, cls.VICE_PRESIDENT})

    @classmethod
    def leadership_roles(cls) -> frozenset[str]:
        return frozenset({cls.DIRECTOR, cls.DEPUTY_DIRECTOR, cls.LEADERSHIP})

    @classmethod
    def citywide_roles(cls) -> frozenset[str]:
        """Roles at the intermediate court that work on every court's rows.

        The affairs centre and supervision serve the whole city (DOMAIN.md §5, §8).
        """
        return frozenset({cls.CENTER_STAFF, cls.SUPERVISOR})
