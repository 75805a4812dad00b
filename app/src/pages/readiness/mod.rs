//! Readiness: how far a company is from angel investment and equity
//! crowdfunding.

pub mod crowdfunding_plan;

pub use crowdfunding_plan::CrowdfundingPlanPage;
