//! Reusable pieces that pages compose.

pub mod access;
pub mod account;
pub mod admin;
pub mod badges;
pub mod charts;
pub mod cluster_grid;
pub mod company;
pub mod deal_panel;
pub mod document;
pub mod editor;
pub mod forms;
pub mod head;
pub mod investor_limits;
pub mod layout;
pub mod pager;
pub mod scorecard;
pub mod status;
