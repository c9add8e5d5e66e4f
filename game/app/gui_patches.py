"""A workaround for a pygame_gui slowdown, applied once when the app starts.

`UIAppearanceTheme.build_all_combined_ids` (pygame_gui 0.6.x) builds its cache
key with nested `str.join` calls over the string forms of four id lists, which
interleaves them character by character: the key grows with the fourth power
of the nesting depth (megabytes for a button in a card in a scrolling
container), and every widget pays for it before the cache is even consulted.
Here the key is a tuple of the same four lists, and the ids are computed by
the original method only on a cache miss, so the result is identical.
"""

from __future__ import annotations

from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme

_original = UIAppearanceTheme.build_all_combined_ids


def _key(ids):
    return None if ids is None else tuple(ids)


def _fast_build_all_combined_ids(self, element_base_ids, element_ids, class_ids, object_ids):
    cache = self.__dict__.setdefault("_parley_combined_ids", {})
    key = (_key(element_base_ids), _key(element_ids), _key(class_ids), _key(object_ids))
    found = cache.get(key)
    if found is None:
        saved = self.unique_theming_ids
        self.unique_theming_ids = {}  # skip the original's string-keyed cache (the slow part is its key)
        try:
            found = cache[key] = _original_without_key(self, element_base_ids, element_ids, class_ids, object_ids)
        finally:
            self.unique_theming_ids = saved
    return found


def _original_without_key(self, element_base_ids, element_ids, class_ids, object_ids):
    combined_ids: list[str] = []
    if object_ids is not None and element_ids is not None and class_ids is not None and element_base_ids is not None:
        if not (len(object_ids) == len(element_ids) == len(class_ids) == len(element_base_ids)):
            return _original(self, element_base_ids, element_ids, class_ids, object_ids)  # raises its own error
        if len(element_ids) != 0:
            self._get_next_id_node(None, element_base_ids, element_ids, class_ids, object_ids, 0, len(element_ids),
                                   combined_ids)
        current = combined_ids[:]
        done = False
        while not done:
            if current:
                for index, cid in enumerate(current):
                    stop = cid.find(".")
                    if stop == -1:
                        done = True
                    else:
                        current[index] = cid[stop + 1:]
                        combined_ids.append(current[index])
            else:
                done = True
    return combined_ids


def apply() -> None:
    if UIAppearanceTheme.build_all_combined_ids is not _fast_build_all_combined_ids:
        UIAppearanceTheme.build_all_combined_ids = _fast_build_all_combined_ids
