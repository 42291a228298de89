package records

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Op is a comparison of a --where filter.
type Op int

// The comparisons, as written: =, !=, >=, <=, >, <.
const (
	Eq Op = iota
	Ne
	Ge
	Le
	Gt
	Lt
)

var opText = []string{"=", "!=", ">=", "<=", ">", "<"}

func (o Op) String() string { return opText[o] }

// Filter is one --where condition: Column Op Values. Filters are ANDed.
type Filter struct {
	// Text is the condition as given, tidied: "Activity status=Completed".
	Text   string
	Column string
	Op     Op
	// Values are the accepted (=) or refused (!=) values: one of a list; none means an empty
	// cell. For the range comparisons there is one, a number or a date.
	Values []string
	num    float64
	date   period
	isDate bool
}

// ParseFilter reads one --where condition: "Status=Ongoing", "Status=Ongoing,Planned",
// "Status!=Closed", "Year>=2018", "Budget<1,000,000", "Month=2023-12", "Sector!=" (not empty).
func ParseFilter(s string) (Filter, error) {
	i := strings.IndexAny(s, "=!<>")
	if i <= 0 {
		return Filter{}, fmt.Errorf("--where %q: write COLUMN=VALUE (or !=, >=, <=, >, <), e.g. 'Status=Ongoing' or 'Year>=2018'", s)
	}
	f := Filter{Column: strings.TrimSpace(s[:i])}
	rest := s[i:]
	found := false
	for _, op := range []Op{Ne, Ge, Le, Eq, Gt, Lt} {
		if strings.HasPrefix(rest, op.String()) {
			f.Op, rest, found = op, rest[len(op.String()):], true
			break
		}
	}
	if !found || f.Column == "" {
		return Filter{}, fmt.Errorf("--where %q: write COLUMN=VALUE (or !=, >=, <=, >, <), e.g. 'Status=Ongoing' or 'Year>=2018'", s)
	}
	rest = strings.TrimSpace(rest)
	f.Text = f.Column + f.Op.String() + rest
	switch f.Op {
	case Eq, Ne:
		if rest != "" {
			for _, v := range strings.Split(rest, ",") {
				if v = tidy(v); v != "" {
					f.Values = append(f.Values, v)
				}
			}
		}
		if len(f.Values) == 1 {
			if p, ok := parsePeriod(f.Values[0]); ok {
				f.date, f.isDate = p, true
			}
		}
	default:
		if rest == "" {
			return Filter{}, fmt.Errorf("--where %q: %s needs a number or a date after it, e.g. 'Year>=2018'", s, f.Op)
		}
		f.Values = []string{rest}
		if p, ok := parsePeriod(rest); ok && !plainNumber(rest) {
			f.date, f.isDate = p, true
		} else if n, err := ParseNumber(rest); err == nil {
			f.num = n
		} else {
			return Filter{}, fmt.Errorf("--where %q: %q is neither a number nor a date (2023, 2023-12, 2023-12-31)", s, rest)
		}
	}
	return f, nil
}

func plainNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.Contains(s, "-")
}

// period is a span of days: a year, a month or a day.
type period struct{ from, to time.Time } // to is exclusive

func parsePeriod(s string) (period, bool) {
	s = strings.TrimSpace(s)
	for _, f := range []struct {
		layout string
		add    func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
		{"02/01/2006", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		// A workbook's date cell in Excel's built-in short date format (14), as it is read:
		// month, day, two-digit year.
		{"01-02-06", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01-02T15:04:05", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	} {
		if t, err := time.Parse(f.layout, s); err == nil {
			if f.layout == "2006-01-02T15:04:05" {
				t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			}
			return period{t, f.add(t)}, true
		}
	}
	return period{}, false
}

// keepValue says whether one value of a cell passes the filter. err, when set, says why the
// value cannot be compared (a range filter on a cell that is no number or date).
func (f *Filter) keepValue(v string) (bool, error) {
	switch f.Op {
	case Eq, Ne:
		in := false
		if f.isDate {
			if p, ok := parsePeriod(v); ok {
				in = !p.from.Before(f.date.from) && !p.to.After(f.date.to)
			}
		}
		for _, w := range f.Values {
			in = in || Fold(w) == Fold(v)
		}
		return in == (f.Op == Eq), nil
	}
	var c int
	if f.isDate {
		p, ok := parsePeriod(v)
		if !ok {
			return false, fmt.Errorf("%q is not a date (2023, 2023-12, 2023-12-31), so --where '%s' cannot compare it", v, f.Text)
		}
		switch {
		case p.to.After(f.date.to) && !p.from.Before(f.date.to):
			c = 1
		case !p.to.After(f.date.from):
			c = -1
		case !p.from.Before(f.date.from) && !p.to.After(f.date.to):
			c = 0
		default:
			return false, fmt.Errorf("%q overlaps %s, so --where '%s' cannot say whether it is before or after", v, f.Values[0], f.Text)
		}
	} else {
		n, err := ParseNumber(v)
		if err != nil {
			return false, fmt.Errorf("%v, so --where '%s' cannot compare it", err, f.Text)
		}
		switch {
		case n > f.num:
			c = 1
		case n < f.num:
			c = -1
		}
	}
	switch f.Op {
	case Ge:
		return c >= 0, nil
	case Le:
		return c <= 0, nil
	case Gt:
		return c > 0, nil
	}
	return c < 0, nil
}

// keepEmpty says whether an empty cell passes: "Sector=" keeps empty cells and "Sector!=" the
// others; "Status!=Closed" keeps an empty status, "Status=Open" does not; a range never does.
func (f *Filter) keepEmpty() bool {
	switch f.Op {
	case Eq:
		return len(f.Values) == 0
	case Ne:
		return len(f.Values) > 0
	}
	return false
}

// Describe says the condition in words, for captions: "Status is one of Ongoing, Planned",
// "Sector is not empty", "Year >= 2018".
func (f *Filter) Describe() string {
	list := strings.Join(f.Values, ", ")
	switch {
	case f.Op == Eq && len(f.Values) == 0:
		return f.Column + " is empty"
	case f.Op == Ne && len(f.Values) == 0:
		return f.Column + " is not empty"
	case f.Op == Eq && len(f.Values) == 1:
		return f.Column + " = " + list
	case f.Op == Eq:
		return f.Column + " is one of " + list
	case f.Op == Ne && len(f.Values) == 1:
		return f.Column + " is not " + list
	case f.Op == Ne:
		return f.Column + " is none of " + list
	}
	return f.Column + " " + f.Op.String() + " " + list
}
