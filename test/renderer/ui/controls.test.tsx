import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Menu } from '../../../renderer/src/ui/menu';
import { SegmentedControl } from '../../../renderer/src/ui/segmented-control';
import { Switch } from '../../../renderer/src/ui/switch';
import { Tabs } from '../../../renderer/src/ui/tabs';
import { TextField } from '../../../renderer/src/ui/text-field';
import { flushAsync } from '../support/render-app';

afterEach(cleanup);

/** The ids in an element's aria-describedby, as the texts they point at. */
function description(element: HTMLElement): string[] {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '');
}

describe('TextField', () => {
  function Limited() {
    const [value, setValue] = useState('');
    return (
      <TextField
        label="Title"
        help="Shown in the sidebar."
        maxLength={20}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
    );
  }

  it('says its limit in words from the start, and is described by its help and the count', () => {
    render(<Limited />);
    const input = screen.getByRole('textbox', { name: 'Title' });
    expect(description(input)).toEqual(['Shown in the sidebar.', '0 / 20 characters']);
    fireEvent.change(input, { target: { value: 'Hello' } });
    expect(description(input)).toEqual(['Shown in the sidebar.', '5 / 20 characters']);
    expect(input.getAttribute('maxLength')).toBe('20');
  });

  it('announces the count only near the limit', () => {
    render(<Limited />);
    const input = screen.getByRole('textbox', { name: 'Title' });
    const count = () => screen.getByText(/\/ 20 characters/);
    expect(count().getAttribute('aria-live')).toBe('off');
    fireEvent.change(input, { target: { value: 'x'.repeat(18) } });
    expect(count().getAttribute('aria-live')).toBe('polite');
  });

  it('shows an error as an alert and marks the input invalid', () => {
    render(<TextField label="URL" value="ftp://" onChange={() => {}} error="Use http or https." />);
    const input = screen.getByRole('textbox', { name: 'URL' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Use http or https.');
    expect(description(input)).toEqual(['Use http or https.']);
  });
});

describe('Switch', () => {
  function Harness({ onChange }: { onChange: (checked: boolean) => void }) {
    const [on, setOn] = useState(false);
    return (
      <Switch
        label="Spell check"
        description="Downloads dictionaries."
        checked={on}
        onCheckedChange={(checked) => {
          setOn(checked);
          onChange(checked);
        }}
      />
    );
  }

  it('is a labelled native button with role switch, reporting its state in aria-checked', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const control = screen.getByRole('switch', { name: 'Spell check' });
    // A native <button>: the browser activates it with Space and Enter (jsdom does not
    // synthesise that click, so the click stands for it here).
    expect(control.tagName).toBe('BUTTON');
    expect(control.getAttribute('type')).toBe('button');
    expect(control.getAttribute('aria-checked')).toBe('false');
    expect(description(control)).toEqual(['Downloads dictionaries.']);
    fireEvent.click(control);
    expect(control.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(control);
    expect(onChange.mock.calls).toEqual([[true], [false]]);
  });
});

describe('SegmentedControl', () => {
  function Harness() {
    const [theme, setTheme] = useState<'light' | 'dark' | 'system'>('system');
    return (
      <SegmentedControl
        label="Theme"
        value={theme}
        onValueChange={setTheme}
        segments={[
          { value: 'system', label: 'System' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ]}
      />
    );
  }

  it('is a radio group: one chosen, a click chooses, choosing it again keeps it', () => {
    render(<Harness />);
    const group = screen.getByRole('radiogroup', { name: 'Theme' });
    const radio = (name: string) => screen.getByRole('radio', { name });
    expect(group).not.toBeNull();
    expect(radio('System').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(radio('Dark'));
    expect(radio('Dark').getAttribute('aria-checked')).toBe('true');
    expect(radio('System').getAttribute('aria-checked')).toBe('false');
    fireEvent.click(radio('Dark'));
    expect(radio('Dark').getAttribute('aria-checked')).toBe('true');
  });

  it('chooses as the arrow keys move, as the radio group pattern asks', async () => {
    render(<Harness />);
    const system = screen.getByRole('radio', { name: 'System' });
    system.focus();
    fireEvent.keyDown(system, { key: 'ArrowRight' });
    // Radix moves roving focus on the next task.
    await flushAsync();
    const light = screen.getByRole('radio', { name: 'Light' });
    expect(document.activeElement).toBe(light);
    expect(light.getAttribute('aria-checked')).toBe('true');
  });
});

describe('Tabs', () => {
  function Harness() {
    const [tab, setTab] = useState<'one' | 'two'>('one');
    return (
      <Tabs
        label="Sections"
        value={tab}
        onValueChange={setTab}
        tabs={[
          { value: 'one', label: 'One' },
          { value: 'two', label: 'Two' },
        ]}
      >
        <p>Panel {tab}</p>
      </Tabs>
    );
  }

  it('selects by click and by arrow key, and shows the chosen panel named by its tab', async () => {
    render(<Harness />);
    expect(screen.getByRole('tablist', { name: 'Sections' })).not.toBeNull();
    const two = screen.getByRole('tab', { name: 'Two' });
    fireEvent.click(two);
    expect(two.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Two' }).textContent).toBe('Panel two');
    two.focus();
    fireEvent.keyDown(two, { key: 'ArrowLeft' });
    await flushAsync();
    const one = screen.getByRole('tab', { name: 'One' });
    expect(document.activeElement).toBe(one);
    expect(one.getAttribute('aria-selected')).toBe('true');
    expect(two.getAttribute('tabindex')).toBe('-1');
  });
});

describe('Menu', () => {
  it('opens from its button by keyboard, runs the chosen item, and returns focus on Escape', async () => {
    const rename = vi.fn();
    render(
      <Menu
        trigger={<button type="button">More</button>}
        items={[
          { label: 'Rename', onSelect: rename },
          { label: 'Delete', onSelect: () => {}, danger: true },
        ]}
      />,
    );
    const trigger = screen.getByRole('button', { name: 'More' });
    expect(trigger.getAttribute('aria-haspopup')).toBe('menu');
    trigger.focus();
    fireEvent.keyDown(trigger, { key: 'Enter' });
    await flushAsync();
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Rename',
      'Delete',
    ]);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    await flushAsync();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);

    fireEvent.keyDown(trigger, { key: 'Enter' });
    await flushAsync();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Rename' }));
    await flushAsync();
    expect(rename).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
