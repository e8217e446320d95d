//! Identifiers of the things a snapshot names. Each kind is its own type, so a dealer id can
//! never be passed where a region id is expected.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
            schemars::JsonSchema,
        )]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the snapshot.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                $name(value.to_owned())
            }
        }
    };
}

string_id!(
    /// A region of the ecosystem, e.g. `"west"`.
    RegionId
);
string_id!(
    /// A dealer group (an owner of several rooftops).
    DealerGroupId
);
string_id!(
    /// A dealer (one rooftop).
    DealerId
);
string_id!(
    /// An actor that can take credit: the OEM, the dealer network, a finance or other partner.
    ActorId
);
string_id!(
    /// A marketing channel, owned by one actor.
    ChannelId
);
string_id!(
    /// A customer journey such as EV launch or service retention.
    JourneyId
);
string_id!(
    /// A martech tool in the stack.
    ToolId
);
