//! The drill path: ecosystem → region → dealer group → dealer, with what each level left behind.

use crate::metrics::Level;

use super::nav::Nav;
use super::tab::Tab;

/// One level below the ecosystem that the user drilled into, with the navigation state of every
/// tab at the level above, as it was when the user left it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The level this frame looks at.
    pub level: Level,
    /// Each tab's navigation at the parent level, restored on the way back up.
    pub saved: [Nav; Tab::COUNT],
}

/// The drill path. Empty means the ecosystem. Always a chain of the hierarchy: each frame's
/// level is a child of the one before (drilling from the list of every dealer group straight
/// into one pushes its region too, so going up passes through the region).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drill {
    frames: Vec<Frame>,
}

impl Drill {
    /// The level on screen.
    pub fn level(&self) -> &Level {
        const ECOSYSTEM: &Level = &Level::Ecosystem;
        self.frames.last().map_or(ECOSYSTEM, |f| &f.level)
    }

    /// The path shown in the breadcrumb, ecosystem first.
    pub fn path(&self) -> Vec<&Level> {
        const ECOSYSTEM: &Level = &Level::Ecosystem;
        std::iter::once(ECOSYSTEM)
            .chain(self.frames.iter().map(|f| &f.level))
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
    pub fn push(&mut self, level: Level, saved: [Nav; Tab::COUNT]) {
        self.frames.push(Frame { level, saved });
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
        assert_eq!(drill.path(), vec![&Level::Ecosystem]);
        let region = Level::Region("north".into());
        drill.push(region.clone(), Default::default());
        assert_eq!(drill.level(), &region);
        assert_eq!(drill.path(), vec![&Level::Ecosystem, &region]);
        assert!(drill.pop().is_some());
        assert!(drill.is_empty());
        assert!(drill.pop().is_none());
    }
}
