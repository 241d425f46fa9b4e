//! "Did you mean …?" for misspelt keys, ids and keywords.

/// The candidate closest to `word`, if it is close enough to be a likely typo:
/// within a third of the word's length in edits (at least one), or the same
/// letters in another case.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|&(distance, c)| distance <= limit && c != word)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

/// A "did you mean" hint when a close candidate exists.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_but_not_unrelated_words() {
        let keys = ["deadweight", "displacement", "attribution", "drop_off"];
        assert_eq!(closest("dedweight", keys), Some("deadweight"));
        assert_eq!(closest("dropoff", keys), Some("drop_off"));
        assert_eq!(closest("atribution", keys), Some("attribution"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("Deadweight", keys), Some("deadweight"));
    }
}
