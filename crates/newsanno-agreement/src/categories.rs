//! Agreement on document categories. Each category is a yes/no question per
//! document ("is it 科技?"), so the units are documents and the values 0/1:
//! Cohen's κ per annotator pair over the documents both finished (and their
//! mean), Fleiss' κ over the documents every annotator finished (three or
//! more annotators), and Krippendorff's α (nominal) over every document two
//! or more annotators finished (missing values allowed). With single choice
//! (`category_choice: Single`) the category itself is also one nominal value
//! per document (none counting as a value) and gets the same three measures.

use serde::Serialize;

use crate::cohen::CohenTable;
use crate::fleiss::FleissTable;
use crate::krippendorff::AlphaTable;
use crate::score::{Score, mean_defined};
use crate::units::Study;

/// The three measures over one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryAgreement {
    /// The category (or `*`, the single-choice category as one value).
    pub category: String,
    /// How many documents (finished by two or more annotators) each annotator gave it, summed.
    pub given: usize,
    /// Documents finished by two or more annotators.
    pub documents: usize,
    /// Mean over pairs of Cohen's κ.
    pub cohen_kappa: Score,
    /// Cohen's κ per pair (`a`, `b`, κ), in pair order.
    pub cohen_per_pair: Vec<(String, String, Score)>,
    /// Fleiss' κ (three or more annotators, documents all finished).
    pub fleiss_kappa: Score,
    /// Krippendorff's α, nominal.
    pub alpha: Score,
}

// An annotator's value for question `q` on a document: q = Some(c) asks "has
// category c" (0/1); q = None asks "which category" (its index + 1, 0 for none).
fn value(categories: Option<&Vec<usize>>, q: Option<usize>) -> u32 {
    let none = Vec::new();
    let set = categories.unwrap_or(&none);
    match q {
        Some(c) => u32::from(set.contains(&c)),
        None => set.first().map_or(0, |c| *c as u32 + 1),
    }
}

/// The agreement per category of `study` (empty when it has no category);
/// with single choice, a first entry `*` for the category as one value.
pub fn category_agreement(study: &Study) -> Vec<CategoryAgreement> {
    if study.categories.is_empty() {
        return Vec::new();
    }
    let n = study.annotators.len();
    let pairs: Vec<(usize, usize)> = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).collect();
    let mut questions: Vec<Option<usize>> = Vec::new();
    if study.single_category {
        questions.push(None);
    }
    questions.extend((0..study.categories.len()).map(Some));
    questions
        .into_iter()
        .map(|q| {
            let mut cohen: Vec<CohenTable> = vec![CohenTable::default(); pairs.len()];
            let mut fleiss = FleissTable::default();
            let mut alpha = AlphaTable::default();
            let (mut documents, mut given) = (0, 0);
            for doc in &study.docs {
                let done: Vec<usize> = (0..n).filter(|&a| doc.units.get(a).is_some_and(Option::is_some)).collect();
                if done.len() < 2 {
                    continue;
                }
                documents += 1;
                let values: Vec<u32> = done.iter().map(|&a| value(doc.categories.get(a), q)).collect();
                given += values.iter().filter(|v| **v > 0).count();
                alpha.add_unit(&values);
                if done.len() == n {
                    fleiss.add_item(&values);
                }
                for (k, &(a, b)) in pairs.iter().enumerate() {
                    if let (Some(i), Some(j)) = (done.iter().position(|x| *x == a), done.iter().position(|x| *x == b)) {
                        cohen[k].add(&[values[i]], &[values[j]]);
                    }
                }
            }
            let per_pair: Vec<(String, String, Score)> = pairs
                .iter()
                .zip(&cohen)
                .map(|(&(a, b), t)| (study.annotators[a].clone(), study.annotators[b].clone(), t.kappa()))
                .collect();
            CategoryAgreement {
                category: q.map_or_else(|| "*".to_owned(), |c| study.categories[c].clone()),
                given,
                documents,
                cohen_kappa: mean_defined(per_pair.iter().map(|p| p.2)),
                cohen_per_pair: per_pair,
                fleiss_kappa: if n >= 3 {
                    fleiss.kappa()
                } else {
                    Score::undefined("Fleiss' κ needs three or more annotators")
                },
                alpha: alpha.alpha(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::StudyDoc;

    // Three annotators, five documents, categories 科技 (0) and 财经 (1).
    // carol has not finished d4.
    fn study() -> Study {
        let doc = |id: &str, cats: [Option<&[usize]>; 3]| StudyDoc {
            id: id.into(),
            len: 10,
            units: cats.iter().map(|c| c.map(|_| Vec::new())).collect(),
            categories: cats.iter().map(|c| c.map(<[usize]>::to_vec).unwrap_or_default()).collect(),
            ..StudyDoc::default()
        };
        Study {
            annotators: vec!["alice".into(), "bob".into(), "carol".into()],
            categories: vec!["科技".into(), "财经".into()],
            docs: vec![
                doc("d0", [Some(&[0]), Some(&[0]), Some(&[0])]),
                doc("d1", [Some(&[0, 1]), Some(&[1]), Some(&[1])]),
                doc("d2", [Some(&[]), Some(&[]), Some(&[0])]),
                doc("d3", [Some(&[1]), Some(&[1]), Some(&[1])]),
                doc("d4", [Some(&[0]), Some(&[]), None]),
            ],
            ..Study::default()
        }
    }

    #[test]
    fn per_category_kappas_and_alpha_match_a_hand_computation() {
        let report = category_agreement(&study());
        assert_eq!(report.len(), 2);
        let tech = &report[0];
        assert_eq!((tech.category.as_str(), tech.documents, tech.given), ("科技", 5, 6));
        // 科技 for alice [1,1,0,0,1], bob [1,0,0,0,0] (d0–d4):
        // p_o = 3/5; alice says yes 3/5, bob 1/5: p_e = 3/5·1/5 + 2/5·4/5 = 11/25;
        // κ = (15/25 − 11/25)/(14/25) = 2/7.
        let (a, b, k) = &tech.cohen_per_pair[0];
        assert_eq!((a.as_str(), b.as_str()), ("alice", "bob"));
        assert!((k.value - 2.0 / 7.0).abs() < 1e-12, "{k:?}");
        // alice–carol over d0–d3: alice [1,1,0,0], carol [1,0,1,0]: p_o 1/2, p_e 1/2: κ 0.
        assert!(tech.cohen_per_pair[1].2.value.abs() < 1e-12);
        // bob–carol over d0–d3: bob [1,0,0,0], carol [1,0,1,0]: p_o 3/4, p_e 1/4·2/4 + 3/4·2/4 = 1/2: κ 1/2.
        assert!((tech.cohen_per_pair[2].2.value - 0.5).abs() < 1e-12);
        assert!((tech.cohen_kappa.value - (2.0 / 7.0 + 0.0 + 0.5) / 3.0).abs() < 1e-12);
        // Fleiss over d0–d3 (all three done): yes counts 3, 1, 1, 0 of 3.
        // P_i = (Σ n² − 3)/6: 1, 1/3, 1/3, 1 → P̄ = 2/3; p_yes = 5/12: P̄_e = 25/144 + 49/144 = 74/144;
        // κ = (2/3 − 74/144)/(1 − 74/144) = (96 − 74)/(144 − 74) = 22/70.
        assert!((tech.fleiss_kappa.value - 22.0 / 70.0).abs() < 1e-12, "{:?}", tech.fleiss_kappa);
        // α: coincidences over d0–d4 (d4 has two values). n = 14 values: 6 yes, 8 no.
        // Disagreeing pairs per unit, weighted 1/(m−1): d1 (1 yes, 2 no) 2·1·2/2 = 2, d2 the same 2,
        // d4 (1, 1) 2·1·1/1 = 2: D_o·... α = 1 − (n − 1)·Σo_ck / (2·n_yes·n_no) = 1 − 13·6/(2·6·8) = 1 − 78/96.
        assert!((tech.alpha.value - (1.0 - 78.0 / 96.0)).abs() < 1e-12, "{:?}", tech.alpha);
        // 财经: everyone agrees on every document.
        let money = &report[1];
        assert_eq!(money.category, "财经");
        assert!((money.alpha.value - 1.0).abs() < 1e-12 && (money.fleiss_kappa.value - 1.0).abs() < 1e-12);
    }

    #[test]
    fn single_choice_adds_the_category_as_one_value() {
        let mut study = study();
        study.single_category = true;
        // Single choice: the first category of each annotator, so d1's alice counts as 科技.
        let report = category_agreement(&study);
        assert_eq!(report[0].category, "*");
        assert_eq!(report.len(), 3);
        assert!(report[0].alpha.is_defined() && report[0].alpha.value < 1.0);
        assert!(category_agreement(&Study::default()).is_empty());
    }
}
