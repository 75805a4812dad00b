//! Reusable pieces that pages compose.

pub mod cluster_grid;
pub mod layout;
pub mod status;
