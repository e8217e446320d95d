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
    /// Per dealer group (by index), whether some dealer belongs to it.
    pub groups_used: Vec<bool>,
}

/// Checks uniqueness of every id list and every reference between lists.
pub(super) fn check<'s>(c: &mut Checker, s: &'s Snapshot) -> Ids<'s> {
    let mut ids = Ids {
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
        groups_used: vec![false; s.dealer_groups.len()],
    };
    unique_sorted(
        c,
        "dealers",
        "dealer",
        s.dealers.iter().map(|d| d.id.as_str()),
    );
    unique_sorted(
        c,
        "journeys",
        "journey",
        s.journeys.iter().map(|j| j.id.as_str()),
    );
    unique_sorted(c, "stack", "tool", s.stack.iter().map(|t| t.id.as_str()));

    c.within("dealer_groups", |c| {
        for (i, g) in s.dealer_groups.iter().enumerate() {
            c.within(i, |c| {
                refer(c, "region", g.region.as_str(), &ids.regions, "regions")
            });
        }
    });
    // Dealers come in runs of one group and credit the same few actors: remembering the last
    // ids found skips most hash lookups on a 5,000-dealer file.
    let mut groups_seen = Recent::default();
    let mut actors_seen = Recent::default();
    c.within("dealers", |c| {
        for (i, d) in s.dealers.iter().enumerate() {
            c.within(i, |c| {
                let group = d.group.as_str();
                let index = groups_seen.hit(group).or_else(|| {
                    let found = refer(c, "group", group, &ids.dealer_groups, "dealer_groups")?;
                    groups_seen.add(group, found);
                    Some(found)
                });
                if let Some(index) = index {
                    ids.groups_used[index] = true;
                }
                c.within("credits", |c| {
                    for (k, credit) in d.credits.iter().enumerate() {
                        let actor = credit.actor.as_str();
                        if actors_seen.hit(actor).is_none()
                            && let Some(found) =
                                c.within(k, |c| refer(c, "actor", actor, &ids.actors, "actors"))
                        {
                            actors_seen.add(actor, found);
                        }
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

/// The last few references found to exist, with their index, newest replacing oldest.
#[derive(Default)]
struct Recent<'s> {
    ids: [Option<(&'s str, usize)>; 4],
    next: usize,
}

impl<'s> Recent<'s> {
    fn hit(&self, id: &str) -> Option<usize> {
        self.ids
            .iter()
            .flatten()
            .find(|(k, _)| *k == id)
            .map(|(_, i)| *i)
    }

    fn add(&mut self, id: &'s str, index: usize) {
        self.ids[self.next] = Some((id, index));
        self.next = (self.next + 1) % self.ids.len();
    }
}

/// Ids of a long list that nothing refers to, refusing repeats: sorting, not hashing, so
/// 5,000 dealer ids cost a near-linear pass when they come in order.
fn unique_sorted<'s>(
    c: &mut Checker,
    list: &'static str,
    what: &str,
    ids: impl Iterator<Item = &'s str>,
) {
    let mut sorted: Vec<(&str, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
    sorted.sort_unstable();
    c.within(list, |c| {
        for run in sorted.chunk_by(|a, b| a.0 == b.0) {
            let (id, first) = run[0];
            for &(_, i) in &run[1..] {
                c.within(i, |c| {
                    c.error(
                        "id",
                        format!("found `{id}` again, expected each {what} id once (first used by {list}[{first}])"),
                    );
                });
            }
        }
    });
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

/// A reference in field `field` must name an id of `list`; the index of the one it names.
fn refer(
    c: &mut Checker,
    field: &'static str,
    id: &str,
    known: &HashMap<&str, usize>,
    list: &str,
) -> Option<usize> {
    if let Some(index) = known.get(id) {
        return Some(*index);
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
    None
}
