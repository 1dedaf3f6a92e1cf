"""Which root a sentence gets when patterns of several roots fit it (brink/coder/match.py): the reported
act, not an event it is about or told as its backdrop. Own sentences, written for these rules."""

from __future__ import annotations

import pytest

from tests.fixtures.coder import article, shared_coder


def _roots(text: str) -> set[int]:
    return {e.cameo_root for e in shared_coder().code(article(text)).events}


# (sentence, a root it must have or None, roots it must not have)
CASES = [
    # a nominal event in a topic phrase ("over", "into", "on" ...) of another event is what it is about
    ("Chile recalled its ambassador to Israel over the military offensive in Gaza.", 16, {19}),
    ("Ghana opened an inquiry into the massacre of villagers in the north.", 9, {20}),
    ("Bolivia cut diplomatic ties with Israel over its attacks in Gaza last month.", 16, {19}),
    ("Peru broke off relations with Iran over its shelling of Iraqi towns.", 16, {19}),
    # a violent nominal event after "after", "amid", "despite" is the sentence's backdrop
    ("The talks resumed in Doha despite the shelling of Khan Younis overnight.", None, {19}),
    ("Oil prices rose on Monday after the attack on a Saudi refinery.", None, {18, 19}),
    # police violence against a crowd is repression (17), a crowd's against police a riot (14), CAMEO 175/145
    ("Riot police clashed with stone-throwing students outside the university in Dhaka on Monday.", 17, {19}),
    ("Police attacked demonstrators with batons in central Caracas.", 17, {19}),
    ("Pakistani soldiers clashed with Afghan forces at the Torkham crossing.", 19, {17}),
    # a police raid is coercion (17), not an attack (19)
    ("Turkish police raided the homes of journalists in Ankara and detained nine people.", 17, {19}),
    # rebels attacking an army fight it (19); their violence against others is assault (18)
    ("Houthi rebels attacked Saudi army positions along the border on Friday.", 19, {18}),
    ("Taliban militants stormed an Afghan military base in Herat on Sunday.", 19, {14}),
    ("Rebels attacked a police station in northern Mali.", 18, {19}),
    # verbs joined to a threatened or promised act are in the same complement, not acts done
    ("Hezbollah threatened to strike and occupy northern Israel.", 13, {19}),
    ("Iran vowed to attack and destroy any ship that enters its waters.", 13, {19}),
    ("Thailand agreed to open its borders and grant asylum to refugees from Cambodia.", 3, {7}),
    # what an appeal or demand asks for with "for", or what its noun asks for, is not done
    ("Beijing called for the immediate release of its fishermen held by the Philippines.", 2, {8}),
    ("Manila pressed for the release of the Filipino sailors by Yemen's Houthis.", None, {8}),
    ("Senegal's call for Guinea to free the detained opposition leaders went unanswered.", None, {8}),
    ("Ecuador repeated its demand for Colombia to withdraw its troops from the border.", None, {8}),
    # a non-directive verb's "for" phrase still tells the act
    ("Morocco praised Algeria for the release of the Moroccan fishermen.", None, set()),
    # an act a verb warns against or keeps from happening is not done
    ("Serbia's president warned Kosovo against deploying police in the north.", 13, {15}),
    ("Washington cautioned Israel against launching a ground offensive in Rafah.", 13, {19}),
    ("The truce deterred Hamas from firing rockets at Israeli towns.", None, {19}),
    ("Jordan barred Israeli settlers from storming the holy site.", None, {17, 18}),
    # the act itself is still coded
    ("Israel launched airstrikes on Hamas positions in Gaza on Sunday.", 19, set()),
    ("Russian forces launched an attack on the Ukrainian city of Kharkiv on Tuesday.", 19, set()),
]


@pytest.mark.parametrize(("text", "want", "not_want"), CASES, ids=[c[0][:50] for c in CASES])
def test_the_reported_act_decides_the_root(text: str, want: int | None, not_want: set[int]) -> None:
    roots = _roots(text)
    if want is not None:
        assert want in roots, roots
    assert not roots & not_want, roots
