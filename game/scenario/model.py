"""The scenario format as typed models: what a teacher may write, and nothing else.

Every model forbids unknown keys, and every object keeps the position it was
written at (`obj.pos`, set by the loader), so a later check, a rule, or even a
move in a scenario test can point back at the line. The JSON Schema that editors
use (`parley schema`) is generated from these models.
"""

import datetime as _dt
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, WithJsonSchema, field_validator, model_validator

from game.i18n import _

FORMAT_VERSION = 1

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$",
                          description="A short name: lower-case letters, digits, '_' or '-', starting with a letter")]
Lang = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="A two-letter language code: en, tr, ru")]
Text = Union[str, dict[Lang, str]]
Score = Annotated[float, Field(ge=0, le=100)]
Delta = Annotated[float, Field(ge=-100, le=100)]


class Node(BaseModel):
    """Base of every scenario object: strict keys, and a remembered position."""

    # Deferred: a model's validator is built when first used, not when the class is
    # defined, so importing the scenario format costs little and validating a file
    # builds one validator (the Scenario's, holding every nested model) instead of one per class.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
    _pos: tuple[str, int, int] = PrivateAttr(default=("", 0, 0))

    @property
    def pos(self) -> tuple[str, int, int]:
        """(file, line, column) where this object was written."""
        return self._pos


SOURCE_KINDS = ("primary", "official", "wire", "press", "analysis", "state", "partisan")


class Source(Node):
    id: Id
    title: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    supports: Text = Field(description="What this source supports in the scenario")
    date: Optional[str] = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                description="When it was published (2020-03-05, 2020-03 or 2020). Students see a "
                                            "source before play only if it is dated on or before the scenario's date; "
                                            "later ones (and undated ones) wait for the debrief and the teacher's sheet")
    kind: Literal["primary", "official", "wire", "press", "analysis", "state", "partisan"] = Field(
        default="press", description="primary: the text itself; official: a government or UN statement; wire: a news "
                                     "agency; press: a newspaper; analysis: a think tank or study; state: state-run "
                                     "media; partisan: an outlet taking one side. Screens label state and partisan "
                                     "sources and list primary texts first")


class Option(Node):
    id: Id
    label: Text
    description: Text = ""
    attributes: dict[Id, float] = Field(default_factory=dict,
                                        description="Numbers conditions can compare, e.g. km: 6")


class Issue(Node):
    id: Id
    title: Text
    description: Text = ""
    options: list[Option]


class Condition(Node):
    """A test over a package, with no code in it: exactly one form is used.

    - `all: [...]`, `any: [...]`, `not: {...}` combine conditions;
    - `issue: corridor` with `is: six-km` or `in: [six-km, ten-km]`;
    - `issue: corridor` with `attribute: km` and one of `at_least`, `at_most`,
      `above`, `below`, `equals`.
    """

    all: Optional[list["Condition"]] = None
    any: Optional[list["Condition"]] = None
    not_: Optional["Condition"] = Field(default=None, alias="not")
    issue: Optional[Id] = None
    is_: Optional[Id] = Field(default=None, alias="is")
    in_: Optional[list[Id]] = Field(default=None, alias="in")
    attribute: Optional[Id] = None
    at_least: Optional[float] = None
    at_most: Optional[float] = None
    above: Optional[float] = None
    below: Optional[float] = None
    equals: Optional[float] = None

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        combinators = [k for k in ("all", "any", "not_") if getattr(self, k) is not None]
        comparisons = [k for k in ("at_least", "at_most", "above", "below", "equals") if getattr(self, k) is not None]
        if self.issue is None:
            if len(combinators) != 1 or self.is_ or self.in_ or self.attribute or comparisons:
                raise ValueError(_("a condition needs exactly one of 'all', 'any', 'not' or 'issue'"))
            return self
        if combinators:
            raise ValueError(_("a condition with 'issue' cannot also have 'all', 'any' or 'not'"))
        tests = sum(x is not None for x in (self.is_, self.in_, self.attribute))
        if tests != 1:
            raise ValueError(_("a condition on an issue needs exactly one of 'is', 'in' or 'attribute'"))
        if self.attribute is not None and len(comparisons) != 1:
            raise ValueError(_("'attribute' needs exactly one of 'at_least', 'at_most', 'above', 'below', 'equals'"))
        if self.attribute is None and comparisons:
            raise ValueError(_("comparisons such as 'at_least' need an 'attribute'"))
        return self


class WalkAway(Node):
    value: Score = Field(description="Points this party gets with no deal (its BATNA)")
    story: Text = ""


class RedLine(Node):
    text: Text
    when: Condition = Field(description="A package for which this holds crosses the red line")


class Persona(Node):
    name: Text
    style: Text = ""
    strategy: Id = "linear"
    params: dict[Id, Union[float, bool, str]] = Field(default_factory=dict)


class Party(Node):
    id: Id
    name: Text
    leader: Text = ""
    briefing: Text = ""
    confidential: Text = ""
    weights: dict[Id, Score] = Field(description="How much each issue matters (issue id -> weight; best summing to 100)")
    values: dict[Id, dict[Id, Score]] = Field(description="Issue id -> option id -> value 0..100")
    walk_away: WalkAway
    red_lines: list[RedLine] = Field(default_factory=list)
    persona: Persona


class Indicator(Node):
    id: Id
    title: Text
    description: Text = ""
    start: float = 50
    min: float = 0
    max: float = 100
    higher_is: Literal["better", "worse"] = "better"


class Tag(Node):
    id: Id
    title: Text
    text: Text = ""


class Rule(Node):
    id: Id
    when: Condition
    points: dict[Id, Delta] = Field(default_factory=dict)
    indicators: dict[Id, Delta] = Field(default_factory=dict)
    tag: Optional[Tag] = None


class NoDeal(Node):
    narrative: Text
    indicators: dict[Id, Delta] = Field(default_factory=dict)


class Effect(Node):
    party: Id
    change_walk_away: Delta = 0
    change_weights: dict[Id, Delta] = Field(default_factory=dict)


AUDIENCE_BOTH = "both"


class Event(Node):
    id: Id
    title: Text
    text: Text = ""
    audience: Id = Field(default=AUDIENCE_BOTH,
                         description="Who reads this news: 'both' sides, or one party's id (news only that side hears)")
    at_round: Optional[Annotated[int, Field(ge=1)]] = None
    when: Optional[Condition] = Field(default=None, description="Fires when the latest offer satisfies this")
    effects: list[Effect] = Field(default_factory=list)
    source: Optional[Id] = None

    @model_validator(mode="after")
    def _one_trigger(self) -> "Event":
        if (self.at_round is None) == (self.when is None):
            raise ValueError(_("an event needs exactly one of 'at_round' or 'when'"))
        return self

    def seen_by(self, party_id: str) -> bool:
        """Whether `party_id` hears this news."""
        return self.audience in (AUDIENCE_BOTH, party_id)


class Protocol(Node):
    rounds: Annotated[int, Field(ge=1, le=200)]
    opens: Id
    story_time: Text = Field(default="", description="What one round stands for, e.g. 'about two days of talks' "
                                                     "(shown as 'Each round stands for about two days of talks.')")


class Historical(Node):
    package: dict[Id, Id]
    name: Text = Field(default="", description="What the real agreement is called, e.g. 'Additional Protocol' "
                                                "(the debrief's tab and chart labels; default: 'The real agreement')")
    date: Optional[_dt.date] = Field(default=None, description="The day it was agreed (default: the scenario's date)")
    summary: Text = ""
    clauses: dict[Id, Text] = Field(default_factory=dict)


MILESTONE_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class Milestone(Node):
    date: Annotated[str, Field(pattern=MILESTONE_DATE),
                    WithJsonSchema({"anyOf": [{"type": "string", "pattern": MILESTONE_DATE},
                                              {"type": "integer", "minimum": 1000, "maximum": 9999}],
                                    "description": "YYYY, YYYY-MM or YYYY-MM-DD"})]
    text: Text
    source: Optional[Id] = None

    @field_validator("date", mode="before")
    @classmethod
    def _year(cls, value):
        """`date: 2014` (a year YAML reads as a number) means the year 2014."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999 else value


STATEMENT_KINDS = ("matters_most", "matters_little", "cannot_accept", "alternative_strong",
                   "alternative_weak", "ask_priorities")


class Statement(Node):
    kind: Literal["matters_most", "matters_little", "cannot_accept", "alternative_strong",
                  "alternative_weak", "ask_priorities"]
    issue: Optional[Id] = None
    option: Optional[Id] = None


class TestMove(Node):
    by: Id
    propose: Optional[dict[Id, Id]] = None
    accept: Optional[bool] = None
    walk_away: Optional[bool] = None
    say: Optional[Statement] = None

    @model_validator(mode="after")
    def _one_kind(self) -> "TestMove":
        if sum(x is not None for x in (self.propose, self.accept, self.walk_away, self.say)) != 1:
            raise ValueError(_("a move needs exactly one of 'propose', 'accept', 'walk_away' or 'say'"))
        return self


class Expect(Node):
    agreement: Union[dict[Id, Id], Literal["none"], None] = None
    ended_by: Optional[Literal["accept", "walkaway", "deadline"]] = None
    scores: dict[Id, float] = Field(default_factory=dict)
    walk_away: dict[Id, float] = Field(default_factory=dict)
    tags: list[Id] = Field(default_factory=list)
    rounds: Optional[int] = None
    events: list[Id] = Field(default_factory=list)


class ScenarioTest(Node):
    name: str
    seed: int = 0
    moves: list[TestMove]
    expect: Expect


class Concept(Node):
    term: Text
    text: Text


class Reading(Node):
    source: Id = Field(description="A source id from 'sources:'")
    note: Text = Field(default="", description="Why read it, and which view it takes")


class SessionStep(Node):
    minutes: Annotated[int, Field(ge=1, le=240)]
    activity: Text


class TeacherPack(Node):
    """What a teacher needs around the game: printed by `parley handouts` as its own sheet."""

    background: Text = Field(description="A neutral background, in paragraphs separated by blank lines")
    chronology: list[Milestone] = Field(default_factory=list, description="The events before the talks")
    concepts: list[Concept] = Field(default_factory=list)
    reading: list[Reading] = Field(default_factory=list, description="A reading list, opposing views included")
    session: list[SessionStep] = Field(default_factory=list, description="A session plan, step by step")
    questions: list[Text] = Field(default_factory=list, description="Questions for discussion")


Km = Annotated[float, Field(ge=-5000, le=5000, description="Kilometres from the map's reference point")]
Point = Annotated[tuple[Km, Km], Field(description="[x, y]: kilometres east (x) and north (y) of the reference point")]


class MapView(Node):
    west: Km
    east: Km
    south: Km
    north: Km

    @model_validator(mode="after")
    def _ordered(self) -> "MapView":
        if self.west >= self.east or self.south >= self.north:
            raise ValueError(_("a map view needs west < east and south < north"))
        return self


class MapPlace(Node):
    id: Id
    label: Text
    at: Point
    kind: Literal["city", "town", "base", "crossing", "region", "note"] = Field(
        default="town", description="city and town: a dot and a name; base: an air base; crossing: a border "
                                    "crossing; region: a name in italics with no dot; note: text only (e.g. 'to Hama')")
    side: Literal["right", "left", "above", "below"] = Field(
        default="right", description="The side of its mark the name is tried on first; if it would touch another "
                                     "name or mark there, the map tries the other sides")


class MapPath(Node):
    id: Id
    label: Text = Field(description="The legend's words for it")
    points: Annotated[list[Point], Field(min_length=2)]


class MapRoad(MapPath):
    style: Literal["major", "minor"] = "major"
    shield: Optional[Annotated[str, Field(max_length=12)]] = Field(
        default=None, description="A road number drawn on the road, e.g. M4")
    shield_at: Optional[Point] = None


class MapLine(MapPath):
    style: Literal["border", "front", "line"] = Field(
        default="line", description="border: a state border (dashed); front: a line of contact; line: any other")


class MapZone(Node):
    id: Id
    label: Text
    points: Optional[Annotated[list[Point], Field(min_length=3)]] = Field(
        default=None, description="The corners of an area")
    along: Optional[Annotated[list[Point], Field(min_length=2)]] = Field(
        default=None, description="A band along these points, width_km wide in all")
    width_km: Optional[Annotated[float, Field(gt=0, le=500)]] = None
    style: Literal["band", "area", "foreign"] = Field(
        default="band", description="band: a highlighted strip or zone; area: a held area; foreign: another country")
    label_at: Optional[Point] = Field(default=None, description="Where to write the label on the map (else the legend only)")

    @model_validator(mode="after")
    def _one_shape(self) -> "MapZone":
        if (self.points is None) == (self.along is None):
            raise ValueError(_("a zone needs exactly one of 'points' or 'along'"))
        if (self.along is None) != (self.width_km is None):
            raise ValueError(_("'along' and 'width_km' go together"))
        return self


class MapPosts(Node):
    id: Id
    label: Text
    at: Annotated[list[Point], Field(min_length=1)]


class Map(Node):
    """A schematic map: positions in kilometres east and north of one reference point."""

    reference: Text = Field(description="The reference point, e.g. 'Saraqib (35.86 N, 36.80 E)'")
    note: Text = Field(description="Shown on the map: say it is schematic and not to scale")
    view: Optional[MapView] = Field(default=None, description="The area shown; by default, everything drawn")
    zones: list[MapZone] = Field(default_factory=list)
    lines: list[MapLine] = Field(default_factory=list)
    roads: list[MapRoad] = Field(default_factory=list)
    routes: list[MapPath] = Field(default_factory=list)
    posts: list[MapPosts] = Field(default_factory=list)
    places: list[MapPlace] = Field(default_factory=list)


class Scenario(Node):
    format: Literal[1] = Field(description="The version of this file format")
    id: Id
    title: Text
    date: _dt.date
    summary: Text
    learning_goals: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    parties: list[Party]
    issues: list[Issue]
    indicators: list[Indicator] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    no_deal: NoDeal
    events: list[Event] = Field(default_factory=list)
    protocol: Protocol
    historical: Optional[Historical] = None
    aftermath: list[Milestone] = Field(default_factory=list)
    map: Optional[Map] = None
    teacher_pack: Optional[TeacherPack] = None
    reflection: list[Text] = Field(default_factory=list)
    tests: list[ScenarioTest] = Field(default_factory=list)

    # Derived lookups, filled in by the loader after validation.
    _hash: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")

    @property
    def content_hash(self) -> str:
        """SHA-256 of the file's bytes: transcripts and saves name the exact version."""
        return self._hash

    @property
    def path(self) -> str:
        return self._path

    def party(self, party_id: str) -> Party:
        return next(p for p in self.parties if p.id == party_id)

    def issue(self, issue_id: str) -> Issue:
        return next(i for i in self.issues if i.id == issue_id)

    @property
    def party_ids(self) -> list[str]:
        return [p.id for p in self.parties]

    @property
    def issue_ids(self) -> list[str]:
        return [i.id for i in self.issues]

    def other(self, party_id: str) -> str:
        return next(p.id for p in self.parties if p.id != party_id)

