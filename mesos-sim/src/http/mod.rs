//! The HTTP plumbing shared by the master and the agents: hyper server loop, media types and
//! the canned responses libprocess sends.

pub(crate) mod body;
pub(crate) mod media;
pub(crate) mod response;
pub(crate) mod server;
