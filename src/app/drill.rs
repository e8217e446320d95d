//! The drill path: ecosystem → region → dealer group → dealer, with what each level left behind.

use crate::model::{DealerGroupId, DealerId, RegionId, Snapshot};

use super::nav::Nav;
use super::tab::Tab;

/// A place in the ecosystem's hierarchy: what a drill level looks at.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Node {
    /// The whole ecosystem.
    #[default]
    Ecosystem,
    /// One region.
    Region(RegionId),
    /// One dealer group.
    Group(DealerGroupId),
    /// One dealer.
    Dealer(DealerId),
}

/// How deep a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Depth {
    /// The whole ecosystem.
    Ecosystem,
    /// A region.
    Region,
    /// A dealer group.
    Group,
    /// A dealer.
    Dealer,
}

impl Depth {
    /// What one thing at this depth is called.
    pub fn noun(self) -> &'static str {
        match self {
            Depth::Ecosystem => "ecosystem",
            Depth::Region => "region",
            Depth::Group => "dealer group",
            Depth::Dealer => "dealer",
        }
    }
}

impl Node {
    /// How deep the node is.
    pub fn depth(&self) -> Depth {
        match self {
            Node::Ecosystem => Depth::Ecosystem,
            Node::Region(_) => Depth::Region,
            Node::Group(_) => Depth::Group,
            Node::Dealer(_) => Depth::Dealer,
        }
    }

    /// The node one level up in `snapshot`; `None` for the ecosystem, or when the node (or its
    /// parent) is not in this snapshot.
    pub fn parent(&self, snapshot: &Snapshot) -> Option<Node> {
        match self {
            Node::Ecosystem => None,
            Node::Region(_) => Some(Node::Ecosystem),
            Node::Group(id) => snapshot
                .dealer_groups
                .iter()
                .find(|g| &g.id == id)
                .map(|g| Node::Region(g.region.clone())),
            Node::Dealer(id) => snapshot
                .dealers
                .iter()
                .find(|d| &d.id == id)
                .map(|d| Node::Group(d.group.clone())),
        }
    }

    /// The display name of the node in `snapshot` (`Ecosystem` for the whole, whose own name
    /// heads the screen), or its id when the snapshot lacks it.
    pub fn label(&self, snapshot: &Snapshot) -> String {
        let found = match self {
            Node::Ecosystem => Some("Ecosystem"),
            Node::Region(id) => snapshot
                .regions
                .iter()
                .find(|r| &r.id == id)
                .map(|r| r.name.as_str()),
            Node::Group(id) => snapshot
                .dealer_groups
                .iter()
                .find(|g| &g.id == id)
                .map(|g| g.name.as_str()),
            Node::Dealer(id) => snapshot
                .dealers
                .iter()
                .find(|d| &d.id == id)
                .map(|d| d.name.as_str()),
        };
        found.map_or_else(|| self.id().to_owned(), str::to_owned)
    }

    /// The id of the node as written in the snapshot (`ecosystem` for the whole).
    pub fn id(&self) -> &str {
        match self {
            Node::Ecosystem => "ecosystem",
            Node::Region(id) => id.as_str(),
            Node::Group(id) => id.as_str(),
            Node::Dealer(id) => id.as_str(),
        }
    }

    /// The chain from the ecosystem down to this node, ecosystem first. A node missing from
    /// the snapshot yields just the ecosystem and itself.
    pub fn lineage(&self, snapshot: &Snapshot) -> Vec<Node> {
        let mut chain = vec![self.clone()];
        let mut current = self.clone();
        while let Some(parent) = current.parent(snapshot) {
            chain.push(parent.clone());
            current = parent;
        }
        if chain.last() != Some(&Node::Ecosystem) {
            chain.push(Node::Ecosystem);
        }
        chain.reverse();
        chain
    }
}

/// One level below the ecosystem that the user drilled into, with the navigation state of every
/// tab at the level above, as it was when the user left it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The node this level looks at.
    pub node: Node,
    /// Each tab's navigation at the parent level, restored on the way back up.
    pub saved: [Nav; Tab::COUNT],
}

/// The drill path. Empty means the ecosystem. Always a chain of the hierarchy: each frame's node
/// is a child of the one before (drilling from the ecosystem straight into a dealer group
/// pushes its region too, so going up passes through the region).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drill {
    frames: Vec<Frame>,
}

impl Drill {
    /// The node the current level looks at.
    pub fn node(&self) -> &Node {
        self.frames.last().map_or(&Node::Ecosystem, |f| &f.node)
    }

    /// The path shown in the breadcrumb, ecosystem first.
    pub fn path(&self) -> Vec<&Node> {
        std::iter::once(&Node::Ecosystem)
            .chain(self.frames.iter().map(|f| &f.node))
            .collect()
    }

    /// How many levels below the ecosystem.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether the path is at the ecosystem.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Goes one level down.
    pub fn push(&mut self, node: Node, saved: [Nav; Tab::COUNT]) {
        self.frames.push(Frame { node, saved });
    }

    /// Goes one level up, returning what the level above had left.
    pub fn pop(&mut self) -> Option<Frame> {
        self.frames.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_starts_at_the_ecosystem_and_follows_the_frames() {
        let mut drill = Drill::default();
        assert_eq!(drill.path(), vec![&Node::Ecosystem]);
        let region = Node::Region("north".into());
        drill.push(region.clone(), Default::default());
        assert_eq!(drill.node(), &region);
        assert_eq!(drill.path(), vec![&Node::Ecosystem, &region]);
        assert!(drill.pop().is_some());
        assert!(drill.is_empty());
        assert!(drill.pop().is_none());
    }
}
