package cellrt

import (
	"reflect"
	"testing"
)

func TestDeclaredTag(t *testing.T) {
	for _, c := range []struct {
		tag, want reflect.StructTag
	}{
		{`json:"-" xml:"-" goconctag:"json:\"bee\" db:\"y\""`, `json:"bee" db:"y"`},
		{`json:"-" xml:"-" goconctag:""`, ``},
		{`db:"y" goconctag:"json:\"b\" db:\"y\"" goconc:"T" goconcfields:"b,C"`, `json:"b" db:"y"`},
		{`json:"a" goconc:"T" goconcfields:"A,b"`, `json:"a"`},
		{`goconc:"T"`, ``},
		{`json:"a,omitempty"`, `json:"a,omitempty"`},
		{``, ``},
	} {
		if got := DeclaredTag(c.tag); got != c.want {
			t.Errorf("DeclaredTag(%q) = %q, want %q", c.tag, got, c.want)
		}
	}
}
