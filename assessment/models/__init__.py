"""Assessment models (DOMAIN.md §9), one module per concern."""

from assessment.models.bureau import (
    AssessmentScheme,
    BureauAssessment,
    BureauAssessmentResult,
    SchemeComponent,
)
from assessment.models.indicators import IndicatorDefinition, IndicatorSnapshot
from assessment.models.officers import (
    OfficerManualScore,
    OfficerPerformanceResult,
    OfficerPerformanceRun,
    OfficerScheme,
    OfficerSchemeItem,
)
from assessment.models.reports import (
    MonthlyReport,
    MonthlyReportEdit,
    MonthlyReportReview,
    MonthlyReportSubmission,
    ReportingRule,
)

__all__ = [
    "AssessmentScheme",
    "BureauAssessment",
    "BureauAssessmentResult",
    "IndicatorDefinition",
    "IndicatorSnapshot",
    "MonthlyReport",
    "MonthlyReportEdit",
    "MonthlyReportReview",
    "MonthlyReportSubmission",
    "OfficerManualScore",
    "OfficerPerformanceResult",
    "OfficerPerformanceRun",
    "OfficerScheme",
    "OfficerSchemeItem",
    "ReportingRule",
    "SchemeComponent",
]
