//! Everything that draws: theme, keymap, views, the terminal runtime and headless render.
