"""Every dictionary key in one backwards word trie (``KeyNode``) stored in an open hash table
(``KeyTable``), with the word codes the dictionary pass computes inline, and the index of the action
patterns one key anchors (``TriggerForms``)."""

from __future__ import annotations

from typing import Final

from brink.coder.key_forms import PLACE, TRIGGER, Form


class TriggerForms:
    """The action patterns one dictionary key anchors, with an index by the first word of each pattern's
    first tail segment ("attack" + "on"/"against"/...): a sentence without that word cannot complete the
    pattern, so ``live`` leaves it out without touching it (most of a key's patterns, most of the time)."""

    __slots__ = (
        "forms",
        "full_mask",
        "mask_by_tail_word",
        "subsets",
        "tail_masks",
        "tail_words",
        "untailed_forms",
        "untailed_mask",
    )

    def __init__(self, forms: tuple[Form, ...]) -> None:
        self.forms = forms
        untailed: list[int] = []
        by_word: dict[str, int] = {}  # tail word -> bit set of the forms it may complete
        untailed_mask = 0
        for i, f in enumerate(forms):
            tails = f.ref.tail_alts
            if not tails:
                untailed.append(i)
                untailed_mask |= 1 << i
                continue
            for word in tails[0][0]:
                by_word[word] = by_word.get(word, 0) | (1 << i)
        self.untailed_forms = tuple(forms[i] for i in untailed)
        self.untailed_mask = untailed_mask
        self.full_mask = (1 << len(forms)) - 1
        self.mask_by_tail_word = by_word
        self.tail_words = tuple(by_word)  # a handful per key: probing the sentence for each is cheapest
        self.tail_masks = tuple(by_word[w] for w in self.tail_words)  # their bit sets, in that order
        # the tuple of forms for each bit set met so far: a sentence costs a few set probes and no
        # allocation (the sets that occur are few: combinations of a key's handful of tail words)
        self.subsets: dict[int, tuple[Form, ...]] = {}

    def live(self, words: set[str]) -> tuple[Form, ...]:
        """The forms, in their order, except those whose first tail word is not among ``words`` (a
        sentence's distinct words)."""
        tail_words = self.tail_words
        if not tail_words:
            return self.forms
        mask = self.untailed_mask
        # a set probe costs about a third of a step through a set and a dictionary lookup
        if len(tail_words) <= 3 * len(words):
            tail_masks = self.tail_masks
            for k in range(len(tail_words)):
                if tail_words[k] in words:
                    mask |= tail_masks[k]
        else:  # a key with many tail words ("reject": 65): probe them with the sentence's words instead
            by_word = self.mask_by_tail_word
            for w in words:
                bits = by_word.get(w)
                if bits is not None:
                    mask |= bits
        if mask == self.untailed_mask:
            return self.untailed_forms
        if mask == self.full_mask:
            return self.forms
        picked = self.subsets.get(mask)
        if picked is None:
            picked = tuple(f for i, f in enumerate(self.forms) if (mask >> i) & 1)
            self.subsets[mask] = picked
        return picked


# A word's code in KeyTable: its last seven characters, eight bits each, and its length (key_word_code).
# Engine.analyse computes it inline while it finds a text's words, with these constants.
KEY_CHARS_MASK: Final = 0xFFFFFFFFFFFFFF  # seven characters
KEY_PREFIX_MASK: Final = 0xFFFFFFFFFFFF  # six: what stays when the next character is added
KEY_LENGTH_SHIFT: Final = 56
KEY_LENGTH_MASK: Final = 127


def key_word_code(word: str) -> int:
    """The code of ``word`` in KeyTable; the word's own (no other word has it) when the word has seven
    characters or fewer, all latin-1 (``exact_code``)."""
    code: int = 0
    for ch in word:
        code = ((code & KEY_PREFIX_MASK) << 8) | ord(ch)
    return code | ((len(word) & KEY_LENGTH_MASK) << KEY_LENGTH_SHIFT)


def exact_code(word: str) -> bool:
    return len(word) <= 7 and all(ord(ch) < 256 for ch in word)


class KeyNode:
    """A node of the dictionary keys' word trie, read backwards: from a key's last word to its first.

    A key (``key_for``: " word word ") is split at every single space, so its extra spaces ("u s  embassy"
    from "U.S. embassy") are empty words, as they are in a normalised text split at every space: a key
    then matches where an Aho-Corasick automaton over the text would find it. The node reached from
    the key's last word through its earlier ones holds what the key means."""

    __slots__ = (
        "actor_forms",
        "code",
        "exact",
        "has_before",
        "is_key",
        "next_in_slot",
        "parent",
        "place_forms",
        "triggers",
        "uid",
        "word",
    )

    def __init__(self, parent: KeyNode | None, word: str, uid: int) -> None:
        self.parent = parent  # the node of the words after this one (None: the root)
        self.word = word
        self.code = key_word_code(word)
        self.exact = exact_code(word)
        self.uid: int = uid
        self.has_before = False  # keys (or key endings) one word longer end here
        self.next_in_slot: KeyNode | None = None  # the next node of this node's KeyTable slot
        self.is_key = False
        self.actor_forms: tuple[Form, ...] = ()
        self.triggers: TriggerForms | None = None
        self.place_forms: tuple[Form, ...] = ()


class KeyTable:
    """Every dictionary key as a backwards word trie (KeyNode), its edges (node, word before) in one
    open hash table of chained slots: finding a text's word costs an index and a few compares, with no
    string built for the word."""

    __slots__ = ("mask", "root", "slots")

    def __init__(self, surfaces: dict[str, list[Form]]) -> None:
        self.root = KeyNode(None, "", 0)
        children: dict[tuple[int, str], KeyNode] = {}  # (parent uid, word) -> node, while building
        nodes: list[KeyNode] = []
        for key, forms in surfaces.items():
            words = key[1:-1].split(" ")
            node = self.root
            for q in range(len(words) - 1, -1, -1):
                parent = node
                found = children.get((parent.uid, words[q]))
                if found is None:
                    found = children[(parent.uid, words[q])] = KeyNode(parent, words[q], len(nodes) + 1)
                    nodes.append(found)
                    parent.has_before = True
                node = found
            trigger_forms = tuple(f for f in forms if f.cat == TRIGGER)
            node.is_key = True
            node.actor_forms = tuple(f for f in forms if f.cat < PLACE)
            node.triggers = TriggerForms(trigger_forms) if trigger_forms else None
            node.place_forms = tuple(f for f in forms if f.cat == PLACE)
        size = 1
        while size < 4 * len(nodes):
            size *= 2
        self.mask: int = size - 1
        self.slots: list[KeyNode | None] = [None] * size
        for node in reversed(nodes):  # each chain in build order
            assert node.parent is not None
            at = self._slot(node.parent, node.code)
            node.next_in_slot = self.slots[at]
            self.slots[at] = node

    def entries(self) -> list[tuple[str, KeyNode]]:
        """Every key as its normalised surface (" u s  embassy "), with its node: for tests and tools."""
        out: list[tuple[str, KeyNode]] = []
        for first in self.slots:
            node = first
            while node is not None:
                if node.is_key:
                    words: list[str] = []
                    up: KeyNode | None = node
                    while up is not None and up.parent is not None:
                        words.append(up.word)
                        up = up.parent
                    out.append((" " + " ".join(words) + " ", node))
                node = node.next_in_slot
        return out

    def _slot(self, parent: KeyNode, code: int) -> int:
        x = code ^ (parent.uid * 40503)
        return (x ^ (x >> 13) ^ (x >> 29) ^ (x >> 47)) & self.mask

    def find(
        self, parent: KeyNode, code: int, exact: bool, text: str, start: int, end: int
    ) -> KeyNode | None:
        """The child of ``parent`` for the word ``text[start:end]`` of code ``code`` (key_word_code),
        ``exact`` if that code is the word's own (exact_code)."""
        node = self.slots[self._slot(parent, code)]
        while node is not None:
            if (
                node.code == code
                and node.parent is parent
                and ((exact and node.exact) or _same_word(node.word, text, start, end))
            ):
                return node
            node = node.next_in_slot
        return None


def _same_word(word: str, text: str, start: int, end: int) -> bool:
    """``word == text[start:end]``, the slice built only for a word of the same length (a slice and a
    compare cost half of ``text.find(word, start, end)``)."""
    return len(word) == end - start and text[start:end] == word
