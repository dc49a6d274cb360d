"""Every write on personnel records, one transaction each (DESIGN.md "services").

Split by concern; the names are re-exported here so callers import from
``personnel.services``."""

from personnel.services.appointments import (
    decide_appointment,
    make_appointment_effective,
    propose_appointment,
    withdraw_appointment,
)
from personnel.services.duty_reports import (
    add_duty_report_attachments,
    save_duty_report,
    score_duty_report,
)
from personnel.services.handovers import (
    assign_successor,
    assign_successor_to_all,
    cancel_handover,
    collect_items,
    complete_handover,
    open_handover,
    refresh_handover,
)
from personnel.services.officers import (
    create_officer,
    deactivate_officers,
    request_officer_deactivation,
    sync_officer_groups,
    update_officer_profile,
)
from personnel.services.positions import (
    apply_current_position,
    create_position,
    end_position,
    overlapping_positions,
    record_position,
    set_staffing,
)
from personnel.services.rotation import (
    add_rotation_item,
    carry_out_rotation_plan,
    check_rotation_plan,
    create_rotation_plan,
    decide_rotation_plan,
    leadership_conflicts,
    record_trial_exchange,
    remove_rotation_item,
    submit_rotation_plan,
    warn_rotation_due,
    withdraw_rotation_plan,
)
from personnel.services.talent import (
    add_talent_member,
    end_talent_membership,
    record_research_output,
    record_secondment,
    record_seminar,
    record_seminar_outcome,
    record_training,
)

__all__ = [
    "add_duty_report_attachments",
    "add_rotation_item",
    "add_talent_member",
    "apply_current_position",
    "assign_successor",
    "assign_successor_to_all",
    "cancel_handover",
    "carry_out_rotation_plan",
    "check_rotation_plan",
    "collect_items",
    "complete_handover",
    "create_officer",
    "create_position",
    "create_rotation_plan",
    "deactivate_officers",
    "decide_appointment",
    "decide_rotation_plan",
    "end_position",
    "end_talent_membership",
    "leadership_conflicts",
    "make_appointment_effective",
    "open_handover",
    "overlapping_positions",
    "propose_appointment",
    "record_position",
    "record_research_output",
    "record_secondment",
    "record_seminar",
    "record_seminar_outcome",
    "record_training",
    "record_trial_exchange",
    "refresh_handover",
    "remove_rotation_item",
    "request_officer_deactivation",
    "save_duty_report",
    "score_duty_report",
    "set_staffing",
    "submit_rotation_plan",
    "sync_officer_groups",
    "update_officer_profile",
    "warn_rotation_due",
    "withdraw_appointment",
    "withdraw_rotation_plan",
]
