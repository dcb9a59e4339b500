// The suggestion panel, loaded on first need (the person types a description, or staff open a
// complaint): the debounced calls, the chips and the flags, with their words and styles. Nothing
// here is in a form's eager code.
export { followSuggestions, MIN_SUGGEST_CHARS, shownRecord, type SuggestionFollower } from './follow.js';
export { adoptPanelStyles, renderFlags, renderSuggestions, type SuggestedField } from './panel.js';
