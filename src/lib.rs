//! jixiao (绩效): exact scoring of Chinese budget performance evaluation tables.
pub mod arith;
pub mod cell;
pub mod comparison;
pub mod derivation;
pub mod diagnostic;
pub mod engine;
pub mod funds;
pub mod load;
pub mod model;
pub mod numerals;
pub mod report;
pub mod rules;
pub mod settings;
pub mod summary;
pub mod templates;
