//! jianbao (简报): a static-site generator for community news bulletins written in Chinese.
//!
//! Data flows one way: [`config`] and [`content`] load the site into the
//! [`site`] model, [`taxonomy`] groups it, [`redirects`] says where old
//! addresses lead, [`plan`] lists every page, [`render`] turns pages into
//! bytes and [`output`] writes them, all or nothing.
//! [`build`] wires those steps together for the command line.

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod dates;
pub mod error;
pub mod i18n;
pub mod images;
pub mod lint;
pub mod markdown;
pub mod names;
pub mod output;
pub mod pinyin;
pub mod pipeline;
pub mod plan;
pub mod redirects;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod site_path;
pub mod slug;
pub mod taxonomy;
pub mod timing;
pub mod yaml;
