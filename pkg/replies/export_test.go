package replies

// Activity is one activity as the count saw it: its state, the indices of its labels and the row
// that gave it.
type Activity = observedActivity

// ReadActivities is Read, also listing every activity counted, in counting order: the tests see
// what production counts, through the same path.
func ReadActivities(inputs []string, opts Options) (*Dataset, []Activity, error) {
	var acts []Activity
	ds, err := read(inputs, opts, func(a observedActivity) { acts = append(acts, a) })
	return ds, acts, err
}
