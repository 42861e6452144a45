import BudgetPlan
import RiskAnalysis
import SupplyGraph
import Testing
