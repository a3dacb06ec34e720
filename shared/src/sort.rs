//! Stable sorting with one compiled copy of the sort algorithm.
//!
//! `slice::sort_by` is generic over both the element and the comparison, so every call
//! site compiles its own copy of the standard library's sort: about 4 KB of wasm each,
//! which the web app pays for on every page load. These functions sort a list of positions
//! with the comparison behind `dyn`, which compiles once for the whole program, and then
//! move the elements into that order. Like `slice::sort_by`, they are stable: equal
//! elements keep their order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` by the key `key` computes, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len`, ordered by `compare`: the only instance of the standard sort.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

/// Moves `items[order[i]]` to position `i`, walking each cycle of the permutation once.
/// A visited position is marked with `usize::MAX`.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut position = start;
        loop {
            let source = std::mem::replace(&mut order[position], usize::MAX);
            if source == usize::MAX || source == start {
                break;
            }
            items.swap(position, source);
            position = source;
        }
    }
}

/// proptest runs natively only (it is not a wasm dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Pairs of (key, original position): equal keys must keep their order, and the
        /// result must be exactly what the standard stable sort gives.
        #[test]
        fn sorts_like_the_standard_stable_sort(keys in proptest::collection::vec(0_u8..6, 0..60)) {
            let items: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
            let mut ours = items.clone();
            super::sort_by_key(&mut ours, |&(key, _)| key);
            let mut standard = items;
            standard.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, standard);
        }
    }
}
