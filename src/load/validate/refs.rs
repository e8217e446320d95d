//! Ids are unique within their list, and every reference names an id that exists.

use std::collections::HashMap;

use super::Checker;
use crate::load::messages::did_you_mean;
use crate::model::Snapshot;

/// The ids of a snapshot by kind, each with the index of its first holder.
pub(super) struct Ids<'s> {
    pub regions: HashMap<&'s str, usize>,
    pub dealer_groups: HashMap<&'s str, usize>,
    pub actors: HashMap<&'s str, usize>,
    pub channels: HashMap<&'s str, usize>,
}

/// Checks uniqueness of every id list and every reference between lists.
pub(super) fn check<'s>(c: &mut Checker, s: &'s Snapshot) -> Ids<'s> {
    let ids = Ids {
        regions: unique(
            c,
            "regions",
            "region",
            s.regions.iter().map(|r| r.id.as_str()),
        ),
        dealer_groups: unique(
            c,
            "dealer_groups",
            "dealer group",
            s.dealer_groups.iter().map(|g| g.id.as_str()),
        ),
        actors: unique(c, "actors", "actor", s.actors.iter().map(|a| a.id.as_str())),
        channels: unique(
            c,
            "channels",
            "channel",
            s.channels.iter().map(|ch| ch.id.as_str()),
        ),
    };
    unique(
        c,
        "dealers",
        "dealer",
        s.dealers.iter().map(|d| d.id.as_str()),
    );
    unique(
        c,
        "journeys",
        "journey",
        s.journeys.iter().map(|j| j.id.as_str()),
    );
    unique(c, "stack", "tool", s.stack.iter().map(|t| t.id.as_str()));

    c.within("dealer_groups", |c| {
        for (i, g) in s.dealer_groups.iter().enumerate() {
            c.within(i, |c| {
                refer(c, "region", g.region.as_str(), &ids.regions, "regions")
            });
        }
    });
    c.within("dealers", |c| {
        for (i, d) in s.dealers.iter().enumerate() {
            c.within(i, |c| {
                refer(
                    c,
                    "group",
                    d.group.as_str(),
                    &ids.dealer_groups,
                    "dealer_groups",
                );
                c.within("credits", |c| {
                    for (k, credit) in d.credits.iter().enumerate() {
                        c.within(k, |c| {
                            refer(c, "actor", credit.actor.as_str(), &ids.actors, "actors")
                        });
                    }
                });
            });
        }
    });
    c.within("channels", |c| {
        for (i, ch) in s.channels.iter().enumerate() {
            c.within(i, |c| {
                refer(c, "actor", ch.actor.as_str(), &ids.actors, "actors")
            });
        }
    });
    c.within("journeys", |c| {
        for (i, j) in s.journeys.iter().enumerate() {
            c.within(i, |c| {
                c.within("handoffs", |c| {
                    for (k, h) in j.handoffs.iter().enumerate() {
                        c.within(k, |c| {
                            refer(c, "from", h.from.as_str(), &ids.actors, "actors");
                            refer(c, "to", h.to.as_str(), &ids.actors, "actors");
                        });
                    }
                });
            });
        }
    });
    c.within("attribution", |c| {
        c.within("paths", |c| {
            for (i, p) in s.attribution.paths.iter().enumerate() {
                c.within(i, |c| {
                    c.within("touches", |c| {
                        for (k, t) in p.touches.iter().enumerate() {
                            c.within(k, |c| {
                                refer(c, "channel", t.channel.as_str(), &ids.channels, "channels");
                            });
                        }
                    });
                });
            }
        });
    });
    ids
}

/// Ids of one list, refusing repeats.
fn unique<'s>(
    c: &mut Checker,
    list: &'static str,
    what: &str,
    ids: impl Iterator<Item = &'s str>,
) -> HashMap<&'s str, usize> {
    let mut seen: HashMap<&'s str, usize> = HashMap::new();
    c.within(list, |c| {
        for (i, id) in ids.enumerate() {
            if let Some(first) = seen.get(id) {
                c.within(i, |c| {
                    c.error(
                        "id",
                        format!("found `{id}` again, expected each {what} id once (first used by {list}[{first}])"),
                    );
                });
            } else {
                seen.insert(id, i);
            }
        }
    });
    seen
}

/// A reference in field `field` must name an id of `list`.
fn refer(c: &mut Checker, field: &'static str, id: &str, known: &HashMap<&str, usize>, list: &str) {
    if known.contains_key(id) {
        return;
    }
    let mut message = if known.is_empty() {
        format!("found `{id}`, expected the id of one of the {list}, but the snapshot has none")
    } else if known.len() <= 6 {
        let mut names: Vec<(&&str, &usize)> = known.iter().collect();
        names.sort_by_key(|(_, i)| **i);
        let names: Vec<String> = names.iter().map(|(n, _)| format!("`{n}`")).collect();
        format!(
            "found `{id}`, expected the id of one of the {list}: {}",
            names.join(", ")
        )
    } else {
        format!(
            "found `{id}`, expected the id of one of the {} {list}",
            known.len()
        )
    };
    if let Some(guess) = did_you_mean(id, known.keys().copied()) {
        message.push_str(&format!("; did you mean `{guess}`?"));
    }
    c.error(field, message);
}
