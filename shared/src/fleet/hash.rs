//! A quick hasher for discovery's maps and sets, which are keyed by repository paths and
//! option paths: a run after an edit looks up tens of thousands of them, and in the
//! browser std's SipHash took more of a toggle flip than the lookups it served. The keys
//! come from the person's own repository, so resistance to crafted collisions buys nothing.
//! The mixing step is FxHash's (rustc's own map hasher).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

pub type PathMap<K, V> = HashMap<K, V, BuildHasherDefault<PathHasher>>;
pub type PathSet<K> = HashSet<K, BuildHasherDefault<PathHasher>>;

#[derive(Default, Clone, Copy)]
pub struct PathHasher(u64);

impl PathHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for PathHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    #[test]
    fn paths_that_differ_anywhere_hash_apart() {
        let hash = |path: &str| BuildHasherDefault::<PathHasher>::default().hash_one(path);
        let paths = [
            "modules/feature-017/default.nix",
            "modules/feature-018/default.nix",
            "modules/feature-017/default.ni",
            "modules/feature-017/default.nix2",
            "hosts/host00/default.nix",
            "",
        ];
        for (index, left) in paths.iter().enumerate() {
            for right in &paths[index + 1..] {
                assert_ne!(hash(left), hash(right), "{left} and {right}");
            }
        }
    }
}
