//! Pure types and rules shared by the server and the browser. Nothing here
//! touches the network, the database or the DOM, so every rule is unit-tested
//! with plain `cargo test`.

pub mod cluster;
pub mod money;
pub mod role;
pub mod seoul_time;
