import "sync"

// Cache is a map of strings safe for concurrent use.
type Cache struct {
	mu sync.RWMutex
	m  map[string]string
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]string{}} }

// Set stores value under key.
func (c *Cache) Set(key, value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = value
}

// Get returns the value stored under key, and whether there is one.
func (c *Cache) Get(key string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[key]
	return v, ok
}

// Len returns the number of keys.
func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}
