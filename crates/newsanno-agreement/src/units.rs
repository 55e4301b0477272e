//! What agreement is computed over: a [`Study`] of documents, each with
//! every annotator's spans ([`Unit`]) and relations ([`RelationUnit`]) as
//! indices, or nothing where the annotator has not finished it.

/// A span as agreement sees it: `[start, end)` in code points and a label index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Index into [`Study::labels`].
    pub label: usize,
}

/// One document of a study.
#[derive(Debug, Clone, Default)]
pub struct StudyDoc {
    /// Document id.
    pub id: String,
    /// Length in code points.
    pub len: usize,
    /// Per annotator (same order as [`Study::annotators`]): the units, or
    /// `None` when that annotator has not finished the document.
    pub units: Vec<Option<Vec<Unit>>>,
    /// Per annotator, the relations, sorted and without duplicates; may be
    /// shorter than `units` (a missing entry means no relations).
    pub relations: Vec<Vec<RelationUnit>>,
    /// Per annotator, the document's categories (indices into
    /// [`Study::categories`]), sorted; counted only where `units` is `Some`;
    /// may be shorter than `units` (a missing entry means none).
    pub categories: Vec<Vec<usize>>,
}

/// What agreement is computed over.
#[derive(Debug, Clone, Default)]
pub struct Study {
    /// Label names; units refer to them by index.
    pub labels: Vec<String>,
    /// Annotator names.
    pub annotators: Vec<String>,
    /// The documents.
    pub docs: Vec<StudyDoc>,
    /// Relation types; relations refer to them by index.
    pub relation_types: Vec<StudyRelationType>,
    /// Document category names; documents refer to them by index.
    pub categories: Vec<String>,
    /// Whether a document takes one category at most (project.ron's `category_choice`).
    pub single_category: bool,
}

/// A relation as agreement sees it: its two ends and an index into
/// [`Study::relation_types`]. For a symmetric type `from <= to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelationUnit {
    /// The span it starts at.
    pub from: Unit,
    /// The span it points to.
    pub to: Unit,
    /// Index into [`Study::relation_types`].
    pub kind: usize,
}

impl RelationUnit {
    /// The relation `from → to` of type `kind`; a symmetric type's ends are
    /// ordered so that `a — b` and `b — a` are the same unit.
    pub fn new(from: Unit, to: Unit, kind: usize, directed: bool) -> Self {
        if directed || from <= to { RelationUnit { from, to, kind } } else { RelationUnit { from: to, to: from, kind } }
    }
}

/// A relation type as agreement sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyRelationType {
    /// Its name.
    pub name: String,
    /// Whether direction counts.
    pub directed: bool,
}

impl Study {
    /// Documents finished by every annotator in `who` (indices into `annotators`).
    pub fn docs_done_by<'a>(&'a self, who: &'a [usize]) -> impl Iterator<Item = &'a StudyDoc> + 'a {
        self.docs.iter().filter(move |d| who.iter().all(|&a| d.units.get(a).is_some_and(Option::is_some)))
    }

    /// The relations of annotator `a` in `doc` (empty when not finished or none).
    pub fn relations<'a>(&self, doc: &'a StudyDoc, a: usize) -> &'a [RelationUnit] {
        if doc.units.get(a).is_some_and(Option::is_some) {
            doc.relations.get(a).map_or(&[], Vec::as_slice)
        } else {
            &[]
        }
    }

    /// The units of annotator `a` in `doc` (empty when not finished).
    pub fn units<'a>(&self, doc: &'a StudyDoc, a: usize) -> &'a [Unit] {
        doc.units.get(a).and_then(Option::as_deref).unwrap_or(&[])
    }
}
